using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Forklift.Dispatch;
using Forklift.Orleans.Cluster;
using Forklift.Protocol;

namespace Forklift.Orleans;

/// <summary>
/// An <see cref="IWorkerPool"/> whose workers are the slots of a cluster's nodes: generated <c>[Parallel]</c> methods
/// run on it unchanged. Get it from DI after <c>AddForkliftCluster()</c>.
/// </summary>
/// <remarks>
/// <para>The contract of <see cref="IWorkerPool"/> holds, with these cluster specifics. Arguments are encoded here with
/// the generated codecs and only bytes cross the network. A node runs each call on its own worker processes, so a
/// crashing call takes down a worker, never a node. The loss of a node fails its calls with
/// <see cref="NodeLostException"/> (a <see cref="WorkerCrashedException"/>), retried on another node while
/// <see cref="ParallelMethodOptions.MaxRetries"/> allows; calls that never reached a node are always retried.</para>
/// <para>Maps are sent in chunks (<see cref="ParallelMethodOptions.ChunkSize"/>, else
/// <see cref="ForkliftClusterOptions.ChunkSize"/>, else about four chunks per slot, at most
/// <see cref="ForkliftClusterOptions.MaxChunkSize"/>); each chunk runs on one node's worker.</para>
/// </remarks>
public sealed class ClusterWorkerPool : IWorkerPool, IAsyncDisposable
{
    private readonly ClusterScheduler _scheduler;
    private readonly ForkliftClusterOptions _options;

    internal ClusterWorkerPool(ClusterScheduler scheduler, ForkliftClusterOptions options)
    {
        _scheduler = scheduler;
        _options = options;
        scheduler.Start();
    }

    /// <summary>The nodes known now, with their state and load.</summary>
    public IReadOnlyList<ClusterNodeStatus> Nodes => _scheduler.Nodes;

    /// <summary>Waits until nodes with at least <paramref name="slots"/> slots in total take calls.</summary>
    public async Task WaitForSlotsAsync(int slots, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            int active = 0;
            foreach (ClusterNodeStatus node in _scheduler.Nodes)
            {
                if (node.State == nameof(NodeState.Active))
                {
                    active += node.Capacity;
                }
            }

            if (active >= slots)
            {
                return;
            }

            await Task.Delay(_options.MembershipRefresh, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task<TResult> InvokeAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        // As IWorkerPool says: only argument errors and shutdown are thrown synchronously.
        ArgumentNullException.ThrowIfNull(method);
        _scheduler.ThrowIfDisposed();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        return InvokeCoreAsync(method, args, progress, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<TResult[]> MapAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(inputs);
        _scheduler.ThrowIfDisposed();
        TArgs[] array = inputs as TArgs[] ?? [.. inputs];
        if (array.Length == 0)
        {
            return Task.FromResult(Array.Empty<TResult>());
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult[]>(cancellationToken);
        }

        return MapCoreAsync(method, array, progress, cancellationToken);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<(int Index, TResult Result)> UnorderedAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(inputs);
        TArgs[] array = inputs as TArgs[] ?? [.. inputs];
        var chunk = new List<(int, TResult)>();
        await foreach ((int start, int count, byte[] payload) in RunChunksAsync(method, array, progress, cancellationToken).ConfigureAwait(false))
        {
            chunk.Clear();
            DecodeBatch(method, payload, count, null, start, chunk);
            foreach ((int, TResult) item in chunk)
            {
                yield return item;
            }
        }
    }

    private async Task<TResult> InvokeCoreAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress, CancellationToken cancellationToken)
    {
        byte[] arguments = EncodeArguments(method, args);
        byte[] result = await _scheduler.Submit(new ClusterCall(method, arguments, isBatch: false, 1, 0, progress, cancellationToken)).ConfigureAwait(false);
        return DecodeResult(method, result);
    }

    private async Task<TResult[]> MapCoreAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs[] inputs, ProgressSink? progress, CancellationToken cancellationToken)
    {
        var results = new TResult[inputs.Length];
        await foreach ((int start, int count, byte[] payload) in RunChunksAsync(method, inputs, progress, cancellationToken).ConfigureAwait(false))
        {
            DecodeBatch(method, payload, count, results, start, stream: null);
        }

        return results;
    }

    /// <summary>Waits for the calls in flight, then stops watching the cluster. The nodes keep running.</summary>
    public ValueTask DisposeAsync() => _scheduler.DisposeAsync();

    /// <summary>Sends the chunks and yields each one's result batch as it completes. The first failure cancels the
    /// chunks not yet finished and is thrown.</summary>
    private async IAsyncEnumerable<(int Start, int Count, byte[] Payload)> RunChunksAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs[] inputs, ProgressSink? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (inputs.Length == 0)
        {
            yield break;
        }

        cancellationToken.ThrowIfCancellationRequested();
        int size = method.Options.ChunkSize ?? _options.ChunkSize
            ?? Math.Clamp((int)Math.Ceiling(inputs.Length / (_scheduler.ActiveSlots * 4.0)), 1, _options.MaxChunkSize);
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new Dictionary<Task<byte[]>, (int Start, int Count)>();
        for (int start = 0; start < inputs.Length; start += size)
        {
            int count = Math.Min(size, inputs.Length - start);
            byte[] batch = EncodeBatch(method, inputs, start, count);
            pending.Add(_scheduler.Submit(new ClusterCall(method, batch, isBatch: true, count, start, progress, failFast.Token)), (start, count));
        }

        try
        {
            while (pending.Count > 0)
            {
                Task<byte[]> done = await Task.WhenAny(pending.Keys).ConfigureAwait(false);
                (int start, int count) = pending[done];
                pending.Remove(done);
                if (!done.IsCompletedSuccessfully)
                {
                    if (done.IsCanceled)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    await done.ConfigureAwait(false);
                }

                yield return (start, count, done.Result);
            }
        }
        finally
        {
            if (pending.Count > 0)
            {
                // Queued chunks of a failed (or abandoned) map need not run.
                await failFast.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private static byte[] EncodeArguments<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new PayloadWriter(buffer);
        method.Arguments.Write(ref writer, args);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Forklift's batch format: a varuint count, then each input prefixed by its int32 little-endian length.</summary>
    private static byte[] EncodeBatch<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs[] inputs, int start, int count)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new PayloadWriter(buffer);
        writer.WriteVarUInt32((uint)count);
        for (int i = start; i < start + count; i++)
        {
            int lengthAt = buffer.WrittenCount;
            buffer.GetSpan(4);
            buffer.Advance(4);
            method.Arguments.Write(ref writer, inputs[i]);
            BinaryPrimitives.WriteInt32LittleEndian(MemoryMarshal.AsMemory(buffer.WrittenMemory).Span.Slice(lengthAt, 4), buffer.WrittenCount - lengthAt - 4);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static TResult DecodeResult<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, byte[] payload)
    {
        var reader = new PayloadReader(payload);
        TResult result = method.Result.Read(ref reader);
        if (reader.Remaining != 0)
        {
            throw new InvalidDataException($"{reader.Remaining} unexpected bytes after the result of {method.Name}.");
        }

        return result;
    }

    private static void DecodeBatch<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, byte[] payload, int count, TResult[]? results, int start, List<(int, TResult)>? stream)
    {
        var header = new PayloadReader(payload);
        if (header.ReadVarUInt32() != (uint)count)
        {
            throw new InvalidDataException($"A batch of {count} calls of {method.Name} came back with a different count.");
        }

        int position = payload.Length - header.Remaining;
        for (int i = 0; i < count; i++)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(position, 4));
            var reader = new PayloadReader(payload.AsSpan(position + 4, length));
            TResult value = method.Result.Read(ref reader);
            position += 4 + length;
            if (results is not null)
            {
                results[start + i] = value;
            }
            else
            {
                stream!.Add((start + i, value));
            }
        }
    }
}
