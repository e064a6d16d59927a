using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading.Channels;
using Forklift.Buffers;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Workers;

/// <summary>Where a call is in its life; changed only under the pool's lock.</summary>
internal enum CallState
{
    Queued,
    Running,
    Done,
}

/// <summary>One unit of work for one worker: a single call, or a chunk of a map.</summary>
/// <remarks>
/// Scheduling fields are guarded by the pool's lock. Completion is once-only (<see cref="TryComplete"/>): a
/// response, a crash, a timeout and a cancellation may race, and the first one wins.
/// <para>A small request is encoded and written on the caller's thread (see <see cref="SendFromCaller"/>); a large
/// one on the thread pool, for which the call is its own work item, so handing the send off allocates nothing.</para>
/// </remarks>
internal abstract class PendingCall : IThreadPoolWorkItem
{
    private int _completed;
    private WorkerProcess? _sendTo;

    protected PendingCall(ParallelMethod method, ProgressSink? progress, CancellationToken cancellationToken)
    {
        Method = method;
        Progress = progress;
        CancellationToken = cancellationToken;
        StartTimestamp = Stopwatch.GetTimestamp();
    }

    public ParallelMethod Method { get; }

    public ProgressSink? Progress { get; }

    public CancellationToken CancellationToken { get; }

    public CancellationTokenRegistration Registration { get; set; }

    public long StartTimestamp { get; }

    public Activity? Activity { get; set; }

    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    // Guarded by the pool lock.
    public CallState State { get; set; }

    public long RequestId { get; set; }

    public WorkerProcess? Worker { get; set; }

    public int Attempts { get; set; }

    /// <summary>Set before the request is written: from then on a crash may have run it, so it is not silently retried.</summary>
    public bool Delivered { get; set; }

    /// <summary>When the request was last written (a <see cref="Stopwatch"/> timestamp), to time the answer.</summary>
    public long WrittenAt { get; set; }

    /// <summary>The request is in the worker's pipe (set after the write returned, under the pool lock): only then may
    /// another call be pipelined behind it, so requests reach the worker in the order the pool assigned them.</summary>
    public bool Written { get; set; }

    /// <summary>The pool the call was submitted to.</summary>
    public WorkerPool? Pool { get; set; }

    /// <summary>Counted out of the pool's outstanding calls (under the pool lock).</summary>
    public bool Counted { get; set; }

    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    public abstract bool IsBatch { get; }

    /// <summary>A time limit for the whole call that replaces the method's and the pool's (a cluster call's remaining
    /// time to its deadline); <see langword="null"/> keeps them.</summary>
    public TimeSpan? TimeoutOverride { get; init; }

    /// <summary>The deadline <see cref="TimeoutOverride"/> gave when the call first got a worker (a retry keeps it).
    /// Guarded by the pool lock.</summary>
    public long? FixedDeadline { get; set; }

    /// <summary>Whether the worker streams this batch's results as its inputs finish
    /// (<see cref="Protocol.RequestFlags.StreamItems"/>).</summary>
    public virtual bool StreamsItems => false;

    /// <summary>How a batch's inputs and results are laid out (<see cref="RequestFlags.PackedArguments"/>,
    /// <see cref="RequestFlags.PackedResults"/>); <see cref="RequestFlags.None"/> for length-prefixed values.</summary>
    public virtual RequestFlags BatchFormat => RequestFlags.None;

    /// <summary>Results of the next inputs of a streamed batch (a varuint count, then int32-prefixed results). Only on
    /// the worker's reading thread, before the batch's response.</summary>
    public virtual void OnItemResults(ReadOnlySpan<byte> payload)
        => throw new InvalidDataException($"The worker streamed results of {Method.Name}, which was not sent as a streamed batch.");

    /// <summary>Encodes the arguments (a batch: count, then each input prefixed by its int32 length).</summary>
    public abstract void WriteArguments(PooledBufferWriter buffer);

    public bool TryComplete() => Interlocked.Exchange(ref _completed, 1) == 0;

    /// <summary>Arguments encoded up to this size are written on the caller's thread. 16 KiB encode and write in a few
    /// microseconds and always fit in an empty pipe (64 KiB on Linux), so the caller cannot be held up by the worker.</summary>
    internal const int InlineArgumentsLimit = 16 * 1024;

    // Where SendFromCaller encodes the arguments before taking the worker's send lock; one per thread, reused.
    [ThreadStatic]
    private static PooledBufferWriter? t_scratch;

    // The arguments SendFromCaller already encoded, copied into the request by EncodeArguments; only during that send.
    private PooledBufferWriter? _encoded;

    /// <summary>Sends this call's request to <paramref name="worker"/>: on the caller's thread if its arguments are small
    /// (<see cref="InlineArgumentsLimit"/>), otherwise on the thread pool, because a large argument takes milliseconds
    /// to copy (hundreds for hundreds of MB), which must not hold up the caller of <c>InvokeAsync</c>.</summary>
    /// <remarks>The size is found by encoding into a per-thread buffer with that limit. The hop it saves for a small
    /// call is a work item and, often, a second thread woken to run it (queuing work asks the pool for a thread), which
    /// on a loaded machine may wait for a core. A larger value pays one abandoned partial encoding of at most the limit
    /// (so its codec runs twice, which generated codecs, being pure, allow); a codec that throws is retried on the
    /// thread pool, which reports its error the usual way.</remarks>
    /// <returns><see langword="true"/> if the request was sent (or its send failed) on this thread;
    /// <see langword="false"/> if it was handed to the thread pool.</returns>
    public bool SendFromCaller(WorkerProcess worker)
    {
        // Taken out of the thread-static while in use: a send can reach user code (an activity listener as a call
        // ends) that submits another call on this thread.
        PooledBufferWriter scratch = t_scratch ?? new PooledBufferWriter();
        t_scratch = null;
        scratch.Reset();
        scratch.Limit = InlineArgumentsLimit;
        try
        {
            try
            {
                WriteArguments(scratch);
            }
            catch
            {
                SendOnThreadPool(worker);
                return false;
            }

            _encoded = scratch;
            Pool!.Send(worker, this);
            return true;
        }
        finally
        {
            _encoded = null;
            scratch.Reset();
            t_scratch = scratch;
        }
    }

    /// <summary>Encodes the arguments into <paramref name="buffer"/>, or copies them if <see cref="SendFromCaller"/>
    /// already did.</summary>
    public void EncodeArguments(PooledBufferWriter buffer)
    {
        if (_encoded is PooledBufferWriter encoded)
        {
            // Once only: if the pool's send moves on to another call it encodes that one itself.
            _encoded = null;
            buffer.Write(encoded.WrittenSpan);
        }
        else
        {
            WriteArguments(buffer);
        }
    }

    /// <summary>Encodes and writes this call's request to <paramref name="worker"/> on the thread pool.</summary>
    public void SendOnThreadPool(WorkerProcess worker)
    {
        _sendTo = worker;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute()
    {
        // The worker it was assigned to when queued: if that worker died meanwhile, the send fails and the pool has
        // already given the call (undelivered) to another worker through its own send.
        if (Interlocked.Exchange(ref _sendTo, null) is WorkerProcess worker)
        {
            Pool!.Send(worker, this);
        }
    }

    /// <summary>Decodes the result payload and completes the caller. Only after <see cref="TryComplete"/>.</summary>
    public abstract void SetResult(ReadOnlySpan<byte> payload);

    public abstract void SetException(Exception exception);

    public abstract void SetCanceled();
}

/// <summary>A single <see cref="WorkerPool.InvokeAsync{TArgs, TResult}"/> call.</summary>
internal sealed class SingleCall<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress, CancellationToken cancellationToken)
    : PendingCall(method, progress, cancellationToken)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Task => _completion.Task;

    public override bool IsBatch => false;

    public override void WriteArguments(PooledBufferWriter buffer)
    {
        var writer = new PayloadWriter(buffer);
        method.Arguments.Write(ref writer, args);
    }

    public override void SetResult(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        TResult result = method.Result.Read(ref reader);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"{reader.Remaining} unexpected bytes after the result of {method.Name}.");
        }

        _completion.TrySetResult(result);
    }

    public override void SetException(Exception exception) => _completion.TrySetException(exception);

    public override void SetCanceled() => _completion.TrySetCanceled(CancellationToken.IsCancellationRequested ? CancellationToken : new CancellationToken(true));
}

/// <summary>What the chunks of one map share: inputs, results, and how many are left.</summary>
internal sealed class MapState<TArgs, TResult>
{
    private int _remaining;
    private int _done;

    public MapState(ParallelMethod<TArgs, TResult> method, TArgs[] inputs, bool unordered)
    {
        Method = method;
        Inputs = inputs;
        Results = unordered ? [] : new TResult[inputs.Length];
        _remaining = inputs.Length;
        if (unordered)
        {
            Stream = Channel.CreateUnbounded<(int, TResult)>(new UnboundedChannelOptions { SingleReader = true });
        }
    }

    public ParallelMethod<TArgs, TResult> Method { get; }

    public TArgs[] Inputs { get; }

    public TResult[] Results { get; }

    public Channel<(int Index, TResult Result)>? Stream { get; }

    public TaskCompletionSource<TResult[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The map already failed or was cancelled: its queued chunks need not run.</summary>
    public bool IsDone => Volatile.Read(ref _done) != 0;

    public void ChunkSucceeded(int count)
    {
        if (Interlocked.Add(ref _remaining, -count) == 0 && Interlocked.Exchange(ref _done, 1) == 0)
        {
            Completion.TrySetResult(Results);
            Stream?.Writer.TryComplete();
        }
    }

    public void Fail(Exception exception)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            Completion.TrySetException(exception);
            Stream?.Writer.TryComplete(exception);
        }
    }

    public void Cancel(CancellationToken token)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            Completion.TrySetCanceled(token);
            Stream?.Writer.TryComplete(new OperationCanceledException(token));
        }
    }
}

/// <summary>Lets the scheduler treat every map chunk alike whatever its type arguments.</summary>
internal interface IChunk
{
    bool IsObsolete { get; }

    int InputIndex(int item);
}

/// <summary>A chunk of consecutive inputs of a map, sent to one worker as one batch request.</summary>
/// <remarks>For an unordered map the worker streams the results as the inputs finish; if the worker is lost and the
/// chunk is retried, only the inputs whose results did not arrive are sent again, so no index is yielded twice.</remarks>
internal sealed class ChunkCall<TArgs, TResult>(MapState<TArgs, TResult> map, int start, int count, ProgressSink? progress, CancellationToken cancellationToken)
    : PendingCall(map.Method, progress, cancellationToken), IChunk
{
    // Results that arrived (streamed, in input order); and the first input the last request carried. Written on the
    // reading thread of the one worker that has the chunk, and read when the chunk is (re)sent, never at the same time.
    private int _delivered;
    private int _requestOffset;

    public bool IsObsolete => map.IsDone;

    public MapState<TArgs, TResult> Map => map;

    public override bool IsBatch => true;

    public override bool StreamsItems => map.Stream is not null;

    /// <summary>Inputs as one block (their type holds no references and its codec says it is blittable): one copy per
    /// chunk instead of a length and a codec call per input, which was most of the parent's time in a map of small values.</summary>
    private int ArgumentBlockSize => map.Method.Arguments.BlockSize;

    /// <summary>Results as one block, decoded by one copy into the result array. Not for a streamed (unordered) map,
    /// whose results go one by one to the caller anyway.</summary>
    private int ResultBlockSize => map.Stream is null ? map.Method.Result.BlockSize : 0;

    public override RequestFlags BatchFormat
        => (ArgumentBlockSize > 0 ? RequestFlags.PackedArguments : RequestFlags.None)
        | (ResultBlockSize > 0 ? RequestFlags.PackedResults : RequestFlags.None);

    public override void WriteArguments(PooledBufferWriter buffer)
    {
        _requestOffset = _delivered;
        var writer = new PayloadWriter(buffer);
        int first = start + _requestOffset;
        int n = count - _requestOffset;
        writer.WriteVarUInt32((uint)n);
        TArgs[] inputs = map.Inputs;
        if (ArgumentBlockSize is int size and > 0)
        {
            writer.WriteVarUInt32((uint)size);
            buffer.Write(ValueBlock.AsBytes<TArgs>(inputs.AsSpan(first, n)));
            return;
        }

        ParallelCodec<TArgs> codec = map.Method.Arguments;
        for (int i = first; i < start + count; i++)
        {
            int lengthAt = buffer.Reserve(4);
            int before = buffer.WrittenCount;
            codec.Write(ref writer, inputs[i]);
            buffer.PatchInt32(lengthAt, buffer.WrittenCount - before);
        }
    }

    public override void SetResult(ReadOnlySpan<byte> payload)
    {
        var header = new PayloadReader(payload);
        uint n = header.ReadVarUInt32();
        if (n != (uint)(count - _delivered))
        {
            throw new InvalidDataException($"A batch of {count} calls ({_delivered} already answered) came back with {n} results.");
        }

        if (ResultBlockSize is int size and > 0)
        {
            ValueBlock.ReadSize(ref header, size, $"results of {map.Method.Name}");
            Span<byte> results = ValueBlock.AsBytes<TResult>(map.Results.AsSpan(start + _delivered, (int)n));
            if (header.Remaining != results.Length)
            {
                throw new InvalidDataException($"A block of {n} results of {map.Method.Name} came with {header.Remaining} bytes instead of {results.Length}.");
            }

            payload[(payload.Length - header.Remaining)..].CopyTo(results);
            _delivered += (int)n;
        }
        else
        {
            Deliver(payload[(payload.Length - header.Remaining)..], (int)n);
        }

        map.ChunkSucceeded(count);
    }

    public override void OnItemResults(ReadOnlySpan<byte> payload)
    {
        var header = new PayloadReader(payload);
        uint n = header.ReadVarUInt32();
        if (map.Stream is null || n > (uint)(count - _delivered))
        {
            throw new InvalidDataException($"The worker streamed {n} results for a batch of {count} calls with {count - _delivered} left.");
        }

        Deliver(payload[(payload.Length - header.Remaining)..], (int)n);
    }

    public override void SetException(Exception exception) => map.Fail(exception);

    public override void SetCanceled() => map.Cancel(CancellationToken.IsCancellationRequested ? CancellationToken : new CancellationToken(true));

    /// <summary>The input index of item <paramref name="item"/> of the last request, for error messages.</summary>
    public int InputIndex(int item) => start + _requestOffset + item;

    /// <summary>Decodes <paramref name="n"/> int32-prefixed results, the next ones in input order.</summary>
    private void Deliver(ReadOnlySpan<byte> items, int n)
    {
        int position = 0;
        ParallelCodec<TResult> codec = map.Method.Result;
        for (int i = 0; i < n; i++)
        {
            if (items.Length - position < 4)
            {
                throw new InvalidDataException("Batch result ended early.");
            }

            int length = BinaryPrimitives.ReadInt32LittleEndian(items.Slice(position, 4));
            if ((uint)length > (uint)(items.Length - position - 4))
            {
                throw new InvalidDataException("Batch result item longer than the payload.");
            }

            var reader = new PayloadReader(items.Slice(position + 4, length));
            TResult result = codec.Read(ref reader);
            position += 4 + length;
            int index = start + _delivered++;
            if (map.Stream is { } stream)
            {
                stream.Writer.TryWrite((index, result));
            }
            else
            {
                map.Results[index] = result;
            }
        }
    }
}
