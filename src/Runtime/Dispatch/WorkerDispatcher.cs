using System.Buffers.Binary;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Forklift.Buffers;
using Forklift.Framing;
using Forklift.Protocol;

namespace Forklift.Dispatch;

/// <summary>
/// The worker's side of a connection: handshake, method binding, and running each request through its registered
/// <see cref="ParallelMethod"/>.
/// </summary>
/// <remarks>
/// The worker runs one request at a time (the parent may write a second one behind it, which waits, see
/// <see cref="TryDefer"/>), so it owns one argument buffer, one result buffer and one
/// <see cref="ForwardedCallContext"/>, all reused. Single calls of methods that take no <see cref="CancellationToken"/>
/// run inline on the reading thread (the fastest path: nothing else can reach them anyway); methods that do, and map
/// batches, run on the thread pool so the reading thread stays free to deliver a cancel frame and the next batch.
/// </remarks>
internal sealed class WorkerDispatcher : IThreadPoolWorkItem
{
    private const string LoadReason = "A worker loads the assemblies that registered [Parallel] methods by name; they are the parent's own assemblies, listed in its deps file.";

    private readonly Stream _output;
    private readonly object _sendLock = new();
    private readonly PooledBufferWriter _result = new();
    private readonly LargeMessageCollector _collector = new();
    private readonly PooledBufferWriter _progress = new();
    private readonly PooledBufferWriter _arguments = new();

    // A streamed batch's results (an unordered map): each input's result is written here, then handed to the stream.
    private readonly PooledBufferWriter _itemResult = new();
    private readonly BatchResultStream _itemStream;
    private readonly int _poolPid;

    // The arguments of the running request: a copy in _arguments, or (a large request) read in place from the shared
    // memory it came in, whose mapping is released when the method returns.
    private ReadOnlyMemory<byte> _argumentBytes;
    private IDisposable? _argumentMapping;
    private readonly List<ParallelMethod?> _methods = [];
    private readonly List<string?> _bindErrors = [];
    private readonly ForwardedCallContext _context;
    private int _maxMessageBytes = int.MaxValue;
    private bool _reportWorkingSet;

    // The request handed to the thread pool (at most one at a time).
    private long _queuedId;
    private ParallelMethod? _queuedMethod;
    private RequestFlags _queuedFlags;
    private string? _queuedTraceParent;
    private string? _queuedTraceState;

    private readonly string? _secret;

    // Map pipelining: the parent keeps at most two requests unanswered, the running one and one behind it. A request
    // read while another runs (on the thread pool, or awaiting) waits here and starts once that one is done. Up to two
    // wait: the parent may send the next one as soon as it reads an answer, before the answered request has finished
    // here. Three copy buffers, used in turn, so a waiting request's copy is never overwritten before it is started.
    private const int MaxWaitingRequests = 2;
    private readonly object _runGate = new();
    private readonly PooledBufferWriter[] _deferredCopies = [new(), new(), new()];
    private readonly Queue<(ReadOnlyMemory<byte> Body, IDisposable? Mapping)> _waiting = new();
    private int _nextDeferredCopy;
    private bool _running;

    /// <param name="output">The protocol's output stream.</param>
    /// <param name="secret">What the Hello frame must carry: the secret the pool put in this worker's environment.</param>
    /// <param name="poolPid">The pool's process id: large messages to and from it go through shared memory named after
    /// it (see <see cref="Transport.SharedMemorySegment"/>); 0 for the pipe only.</param>
    public WorkerDispatcher(Stream output, string? secret, int poolPid = 0)
    {
        _output = output;
        _secret = secret;
        _poolPid = poolPid;
        _context = new ForwardedCallContext(this);
        _itemStream = new BatchResultStream(WriteFrame, () => _maxMessageBytes, poolPid);
        if (poolPid > 0)
        {
            // The kept result segment lives as long as this process; its name is gone once the parent opened it.
            _ = SharedMemoryFrames.EnableFor(_result, poolPid, Environment.ProcessId);
        }
    }

    /// <summary>Whether <see cref="Run"/> ended because the parent closed our input (rather than a Shutdown frame).</summary>
    public bool InputEnded { get; private set; }

    /// <summary>The dispatcher of this worker process, if it is one; tests use it to inject faults.</summary>
    public static WorkerDispatcher? Current { get; private set; }

    /// <summary>Runs the worker until the parent says stop or goes away; returns the process exit code.</summary>
    public int Run(Stream input, int maxHandshakeBytes)
    {
        Current = this;
        using var reader = new LengthPrefixFrameReader(input, maxHandshakeBytes, _poolPid, Environment.ProcessId);
        if (!reader.TryRead(out byte type, out ReadOnlyMemory<byte> body) || type != (byte)MessageType.Hello)
        {
            Console.Error.WriteLine("forklift worker: the first frame was not a Hello; exiting.");
            return 2;
        }

        if (!IsFromOurPool(body.Span))
        {
            // Not our parent, or not a pool at all (a crafted command line): load nothing, answer nothing.
            Console.Error.WriteLine("forklift worker: the first frame did not carry the secret of the pool that started this worker; refusing it.");
            return 2;
        }

        int maxBytes;
        try
        {
            maxBytes = Handshake(body.Span);
        }
        catch (Exception e)
        {
            SendStartFailed(e);
            return 3;
        }

        reader.MaxBodyBytes = maxBytes;
        return Loop(reader);
    }

    /// <summary>Writes raw bytes to the protocol stream: only for tests that check how the parent copes with garbage.</summary>
    public void WriteRawForTesting(ReadOnlySpan<byte> bytes)
    {
        lock (_sendLock)
        {
            _output.Write(bytes);
        }
    }

    public void SendProgress<T>(long requestId, ParallelCodec<T> codec, T value)
    {
        lock (_sendLock)
        {
            FrameHeader.Begin(_progress);
            var writer = new PayloadWriter(_progress);
            writer.WriteInt64(requestId);
            codec.Write(ref writer, value);
            _output.Write(FrameHeader.Complete(_progress, (byte)MessageType.Progress, _maxMessageBytes));
        }
    }

    void IThreadPoolWorkItem.Execute()
        => _ = ExecuteAsync(_queuedId, _queuedMethod!, _queuedFlags, _queuedTraceParent, _queuedTraceState);

    private bool IsFromOurPool(ReadOnlySpan<byte> hello)
    {
        if (string.IsNullOrEmpty(_secret))
        {
            return false;
        }

        try
        {
            var reader = new PayloadReader(hello);
            reader.ReadUInt32();
            reader.ReadInt32();
            string? secret = reader.ReadString();
            return secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(_secret));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private int Handshake(ReadOnlySpan<byte> hello)
    {
        var reader = new PayloadReader(hello);
        uint magic = reader.ReadUInt32();
        int version = reader.ReadInt32();
        if (magic != ProtocolConstants.Magic || version != ProtocolConstants.Version)
        {
            throw new InvalidDataException($"Protocol mismatch: parent speaks version {version}, this worker {ProtocolConstants.Version}. Parent and worker must use the same Forklift.dll.");
        }

        _ = reader.ReadString();

        int maxBytes = reader.ReadInt32();
        _reportWorkingSet = reader.ReadBoolean();
        int count = reader.ReadLength();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString() ?? string.Empty;
            string? path = reader.ReadString();
            LoadAndInitialize(name, path);
        }

        foreach (WorkerInitializer initializer in ParallelMethodRegistry.WorkerInitializers)
        {
            try
            {
                initializer.Run(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Worker initializer '{initializer.Id}' threw: {e.Message}", e);
            }
        }

        _maxMessageBytes = maxBytes;
        lock (_sendLock)
        {
            FrameHeader.Begin(_progress);
            var writer = new PayloadWriter(_progress);
            writer.WriteUInt32(ProtocolConstants.Magic);
            writer.WriteInt32(ProtocolConstants.Version);
            writer.WriteInt32(Environment.ProcessId);
            _output.Write(FrameHeader.Complete(_progress, (byte)MessageType.Ready, _maxMessageBytes));
        }

        return maxBytes;
    }

    /// <summary>Loads an assembly the parent named and runs its module initializer (which registers its methods).</summary>
    /// <remarks>Only the app's own assemblies: by name, resolved by the runtime from the app's deps file (as a
    /// framework-dependent worker is started with it), or by path inside the app's directory. A path elsewhere is
    /// refused, whatever the frame says: a worker never runs code from outside the app.</remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = LoadReason)]
    private static void LoadAndInitialize(string name, string? path)
    {
        Assembly assembly;
        try
        {
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name));
        }
        catch (Exception) when (!string.IsNullOrEmpty(path) && File.Exists(path))
        {
            if (!IsInAppDirectory(path))
            {
                throw new InvalidOperationException($"Refusing to load '{path}': a worker loads only assemblies of the app (its deps file or its directory, {AppContext.BaseDirectory}).");
            }

            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }

        // Runs the generated [ModuleInitializer] (at most once per process), which fills ParallelMethodRegistry.
        RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
    }

    private static bool IsInAppDirectory(string path)
    {
        string directory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(AppContext.BaseDirectory)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(directory, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private int Loop(LengthPrefixFrameReader reader)
    {
        while (reader.TryRead(out byte type, out ReadOnlyMemory<byte> body))
        {
            switch ((MessageType)type)
            {
                case MessageType.Bind:
                    OnBind(body.Span);
                    break;
                case MessageType.Request:
                    IDisposable? mapping = reader.TakeShared();
                    if (!TryDefer(body, mapping, out bool overflow))
                    {
                        OnRequest(body, mapping);
                    }
                    else if (overflow)
                    {
                        Console.Error.WriteLine("forklift worker: a third request arrived while one ran and one waited; exiting.");
                        return 2;
                    }

                    break;
                case MessageType.Cancel:
                    _context.Cancel(BinaryPrimitives.ReadInt64LittleEndian(body.Span));
                    break;
                case MessageType.Shutdown:
                    return 0;
                default:
                    Console.Error.WriteLine($"forklift worker: unexpected frame type {type}; exiting.");
                    return 2;
            }
        }

        // The parent closed our input: it is gone or dropped us. Either way there is nobody to answer.
        InputEnded = true;
        return 0;
    }

    private void OnBind(ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        int handle = (int)reader.ReadVarUInt32();
        string id = reader.ReadString() ?? string.Empty;
        string name = reader.ReadString() ?? string.Empty;
        string? path = reader.ReadString();
        while (_methods.Count <= handle)
        {
            _methods.Add(null);
            _bindErrors.Add(null);
        }

        if (!ParallelMethodRegistry.TryGet(id, out ParallelMethod? method))
        {
            try
            {
                LoadAndInitialize(name, path);
            }
            catch (Exception e)
            {
                _bindErrors[handle] = $"The worker could not load assembly '{name}' of [Parallel] method '{id}': {e.Message}";
                return;
            }

            if (!ParallelMethodRegistry.TryGet(id, out method))
            {
                _bindErrors[handle] = $"No [Parallel] method with id '{id}' is registered in the worker after loading '{name}' and running its module initializer.";
                return;
            }
        }

        _methods[handle] = method;
    }

    private void OnRequest(ReadOnlyMemory<byte> body, IDisposable? mapping)
    {
        var reader = new PayloadReader(body.Span);
        long id = reader.ReadInt64();
        int handle = (int)reader.ReadVarUInt32();
        var flags = (RequestFlags)reader.ReadByte();
        string? traceParent = null;
        string? traceState = null;
        if ((flags & RequestFlags.Trace) != 0)
        {
            traceParent = reader.ReadString();
            traceState = reader.ReadString();
        }

        // The reader's buffer is reused for the next frame (a cancel may arrive while the call runs): keep a copy,
        // unless the request came in shared memory, whose mapping is ours until the method returns.
        ReadOnlyMemory<byte> arguments = body[(body.Length - reader.Remaining)..];
        _argumentMapping?.Dispose();
        _argumentMapping = mapping;
        if (mapping is null)
        {
            _arguments.Reset();
            _arguments.Write(arguments.Span);
            _argumentBytes = _arguments.WrittenMemory;
        }
        else
        {
            _argumentBytes = arguments;
            _collector.MovedLargeMessage();
        }

        ParallelMethod? method = (uint)handle < (uint)_methods.Count ? _methods[handle] : null;
        if (method is null)
        {
            string message = (uint)handle < (uint)_bindErrors.Count && _bindErrors[handle] is string error ? error : $"Unknown method handle {handle}.";
            _argumentBytes = default;
            _argumentMapping?.Dispose();
            _argumentMapping = null;
            SendError(id, 0, new InvalidOperationException(message));
            RequestDone();
            return;
        }

        // A batch runs on the thread pool too, so the reading thread stays free to take the next chunk the parent
        // pipelines behind it (see TryDefer): a request larger than the pipe's buffer would otherwise block the parent's
        // writer until this batch ends, and a cancel frame for that chunk could not arrive before it starts.
        if (method.Options.AcceptsCancellation || (flags & RequestFlags.Batch) != 0)
        {
            _queuedId = id;
            _queuedMethod = method;
            _queuedFlags = flags;
            _queuedTraceParent = traceParent;
            _queuedTraceState = traceState;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else
        {
            _ = ExecuteAsync(id, method, flags, traceParent, traceState);
        }
    }

    private async Task ExecuteAsync(long id, ParallelMethod method, RequestFlags flags, string? traceParent, string? traceState)
    {
        Activity? activity = traceParent is null ? null : ForkliftActivitySource.StartWorkerActivity(method.Name, traceParent, traceState);
        _context.Begin(id);
        BeginResponse();
        ReadOnlyMemory<byte> arguments = _argumentBytes;
        ResponseStatus status = ResponseStatus.Ok;
        Exception? error = null;
        int item = 0;
        bool stream = false;
        try
        {
            // Cancelled while it waited behind another request: answered as cancelled without running.
            _context.CancellationToken.ThrowIfCancellationRequested();
            if ((flags & RequestFlags.Batch) == 0)
            {
                await method.InvokeAsync(arguments, _result, _context).ConfigureAwait(false);
            }
            else
            {
                (int count, int position) = ReadBatchCount(arguments.Span);
                stream = (flags & RequestFlags.StreamItems) != 0;
                bool packedArguments = (flags & RequestFlags.PackedArguments) != 0;
                bool packedResults = !stream && (flags & RequestFlags.PackedResults) != 0;
                int argumentSize = packedArguments ? ReadBlockSize(arguments.Span, ref position, method.ArgumentBlockSize, count, method.Name) : 0;
                if (stream)
                {
                    _itemStream.Begin(id);
                }
                else
                {
                    var header = new PayloadWriter(_result);
                    header.WriteVarUInt32((uint)count);
                    if (packedResults)
                    {
                        header.WriteVarUInt32((uint)method.ResultBlockSize);
                    }
                }

                // The coarse clock (a few ms of resolution, plenty for a 100 ms interval) costs a fraction of the
                // precise one, which matters when the inputs themselves take well under a microsecond.
                long interval = (long)ProtocolConstants.ItemsDoneInterval.TotalMilliseconds;
                long noticed = Environment.TickCount64;
                for (item = 0; item < count; item++)
                {
                    if (item > 0 && Environment.TickCount64 - noticed >= interval)
                    {
                        SendItemsDone(id, item);
                        noticed = Environment.TickCount64;
                    }

                    ReadOnlyMemory<byte> one;
                    if (packedArguments)
                    {
                        one = arguments.Slice(position, argumentSize);
                        position += argumentSize;
                    }
                    else
                    {
                        int length = BinaryPrimitives.ReadInt32LittleEndian(arguments.Span.Slice(position, 4));
                        one = arguments.Slice(position + 4, length);
                        position += 4 + length;
                    }

                    if (stream)
                    {
                        _itemResult.Reset();
                        await method.InvokeItemAsync(one, packedArguments, _itemResult, packedResult: false, _context).ConfigureAwait(false);
                        _itemStream.Add(_itemResult.WrittenSpan);
                        continue;
                    }

                    if (packedResults)
                    {
                        await method.InvokeItemAsync(one, packedArguments, _result, packedResult: true, _context).ConfigureAwait(false);
                        continue;
                    }

                    int lengthAt = _result.Reserve(4);
                    int start = _result.WrittenCount;
                    await method.InvokeItemAsync(one, packedArguments, _result, packedResult: false, _context).ConfigureAwait(false);
                    _result.PatchInt32(lengthAt, _result.WrittenCount - start);
                }

                if (stream)
                {
                    _itemStream.Finish(_result);
                }
            }
        }
        catch (OperationCanceledException) when (_context.CancellationToken.IsCancellationRequested)
        {
            status = ResponseStatus.Canceled;
        }
        catch (Exception e)
        {
            status = ResponseStatus.Error;
            error = e;
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
        }
        finally
        {
            // A streamed batch that failed or was cancelled: nothing more of it is sent (a no-op after Finish).
            if (stream)
            {
                _itemStream.Abandon();
            }

            _context.End();
            activity?.Dispose();
            _argumentBytes = default;
            _argumentMapping?.Dispose();
            _argumentMapping = null;
        }

        if (status == ResponseStatus.Ok)
        {
            try
            {
                SendResponse(id, ResponseStatus.Ok);
                _collector.AfterCall();
                RequestDone();
                return;
            }
            catch (InvalidDataException e)
            {
                // The result is over MaxMessageBytes: report that instead of breaking the connection.
                status = ResponseStatus.Error;
                error = new InvalidDataException($"The result of {method.Name} is too large to send: {e.Message}", e);
            }
        }

        if (status == ResponseStatus.Error)
        {
            SendError(id, item, error!);
        }
        else
        {
            BeginResponse();
            SendResponse(id, status);
        }

        _collector.AfterCall();
        RequestDone();
    }

    /// <summary>Whether the request just read must wait because another one runs (then it is kept until that one is
    /// done). <paramref name="overflow"/>: more wait than the parent ever sends.</summary>
    private bool TryDefer(ReadOnlyMemory<byte> body, IDisposable? mapping, out bool overflow)
    {
        overflow = false;
        lock (_runGate)
        {
            if (!_running)
            {
                _running = true;
                return false;
            }

            if (_waiting.Count >= MaxWaitingRequests)
            {
                overflow = true;
                mapping?.Dispose();
                return true;
            }

            if (mapping is null)
            {
                // The reader reuses its buffer for the next frame.
                PooledBufferWriter copy = _deferredCopies[_nextDeferredCopy];
                _nextDeferredCopy = (_nextDeferredCopy + 1) % _deferredCopies.Length;
                copy.Reset();
                copy.Write(body.Span);
                body = copy.WrittenMemory;
            }

            _waiting.Enqueue((body, mapping));
            return true;
        }
    }

    /// <summary>The running request was answered: start the next waiting one, if any, on the thread pool (not here,
    /// which may be deep in the previous request's stack or on the reading thread).</summary>
    private void RequestDone()
    {
        lock (_runGate)
        {
            if (!_waiting.TryDequeue(out (ReadOnlyMemory<byte> Body, IDisposable? Mapping) next))
            {
                _running = false;
                return;
            }

            ThreadPool.UnsafeQueueUserWorkItem(static next => next.Dispatcher.OnRequest(next.Body, next.Mapping), (Dispatcher: this, next.Body, next.Mapping), preferLocal: false);
        }
    }

    private void WriteFrame(ReadOnlySpan<byte> frame, Transport.SharedMemorySegment? segment)
    {
        lock (_sendLock)
        {
            SharedMemoryFrames.Write(_output, frame, segment);
        }
    }

    private void SendItemsDone(long id, int done)
    {
        lock (_sendLock)
        {
            FrameHeader.Begin(_progress);
            var writer = new PayloadWriter(_progress);
            writer.WriteInt64(id);
            writer.WriteInt32(done);
            _output.Write(FrameHeader.Complete(_progress, (byte)MessageType.ItemsDone, _maxMessageBytes));
        }
    }

    /// <summary>Reads a packed batch's value size at <paramref name="position"/> and checks it and the block's length
    /// against this process's layout of the method's argument type.</summary>
    private static int ReadBlockSize(ReadOnlySpan<byte> arguments, ref int position, int expected, int count, string method)
    {
        if (expected == 0)
        {
            throw new InvalidDataException($"The inputs of {method} came packed as a block, but its codec here does not copy them as bytes.");
        }

        var reader = new PayloadReader(arguments[position..]);
        ValueBlock.ReadSize(ref reader, expected, $"inputs of {method}");
        position = arguments.Length - reader.Remaining;
        if ((long)count * expected != reader.Remaining)
        {
            throw new InvalidDataException($"A block of {count} inputs of {method} came with {reader.Remaining} bytes instead of {(long)count * expected}.");
        }

        return expected;
    }

    private static (int Count, int Position) ReadBatchCount(ReadOnlySpan<byte> arguments)
    {
        var reader = new PayloadReader(arguments);
        int count = (int)reader.ReadVarUInt32();
        return (count, arguments.Length - reader.Remaining);
    }

    private void BeginResponse()
    {
        FrameHeader.Begin(_result);
        _result.Reserve(ProtocolConstants.ResponsePrefixSize);
    }

    private void SendError(long id, int item, Exception error)
    {
        BeginResponse();
        var writer = new PayloadWriter(_result);
        writer.WriteVarUInt32((uint)item);
        try
        {
            ErrorInfo.WriteChain(ref writer, error);
        }
        catch (Exception e)
        {
            // An exception whose Message or StackTrace throws: report that rather than nothing.
            BeginResponse();
            writer = new PayloadWriter(_result);
            writer.WriteVarUInt32((uint)item);
            ErrorInfo.WriteChain(ref writer, new InvalidOperationException($"The worker could not describe a {error.GetType().FullName}: {e.Message}"));
        }

        try
        {
            SendResponse(id, ResponseStatus.Error);
        }
        catch (InvalidDataException)
        {
            // The description is over MaxMessageBytes (a huge message, stack trace or inner chain). Sending nothing would
            // leave the caller waiting for ever: send the outer exception, shortened to fit.
            BeginResponse();
            writer = new PayloadWriter(_result);
            writer.WriteVarUInt32((uint)item);
            ErrorInfo.WriteShortened(ref writer, error, _maxMessageBytes - ProtocolConstants.ResponsePrefixSize - 5);
            SendResponse(id, ResponseStatus.Error);
        }
    }

    private void SendResponse(long id, ResponseStatus status)
    {
        int offset = FrameHeader.Size;
        _result.PatchInt64(offset, id);
        _result.PatchByte(offset + 8, (byte)status);
        _result.PatchInt64(offset + 9, _reportWorkingSet ? Environment.WorkingSet : 0);
        ReadOnlySpan<byte> frame = SharedMemoryFrames.Complete(_result, (byte)MessageType.Response, _maxMessageBytes, out Transport.SharedMemorySegment? segment);
        if (segment is not null)
        {
            _collector.MovedLargeMessage();
        }

        lock (_sendLock)
        {
            SharedMemoryFrames.Write(_output, frame, segment);
        }
    }

    private void SendStartFailed(Exception e)
    {
        lock (_sendLock)
        {
            FrameHeader.Begin(_progress);
            var writer = new PayloadWriter(_progress);
            ErrorInfo.WriteChain(ref writer, e);
            _output.Write(FrameHeader.Complete(_progress, (byte)MessageType.StartFailed, int.MaxValue));
        }
    }
}
