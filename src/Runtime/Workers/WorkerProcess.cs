using System.Diagnostics;
using System.Reflection;
using Forklift.Buffers;
using Forklift.Dispatch;
using Forklift.Framing;
using Forklift.Protocol;
using Forklift.Transport;

namespace Forklift.Workers;

/// <summary>Where a worker is in its life; changed only under the pool's lock.</summary>
internal enum WorkerState
{
    Starting,
    Idle,
    Busy,
    Retiring,
    Dead,
}

/// <summary>How a caller's bounded reading of its own answer ended (<see cref="WorkerProcess.Lead(PendingCall, long)"/>).</summary>
internal enum LeadOutcome
{
    /// <summary>The call has its outcome; the connection goes on (hand the pipe back).</summary>
    Answered,

    /// <summary>The deadline passed before the answer came; no byte of it was read (hand the pipe back).</summary>
    TimeRanOut,

    /// <summary>The connection ended; the pipe is closed and the reading thread reports the loss.</summary>
    ConnectionEnded,
}

/// <summary>Why the pool ended a worker; decides what its running call fails with.</summary>
internal enum KillReason
{
    None,
    Timeout,
    Canceled,
    StartTimeout,
    Recycled,
    Shutdown,
    Terminated,
    ProtocolError,
}

/// <summary>
/// One worker process and the parent's end of its connection: a send path (any thread, under <see cref="_sendLock"/>)
/// and a reading thread that hands every frame to the pool.
/// </summary>
internal sealed class WorkerProcess
{
    private const int StderrLines = 20;

    private readonly WorkerPool _pool;
    private readonly object _sendLock = new();
    private readonly PooledBufferWriter _send = new();
    private readonly Queue<string> _stderr = new();
    private OutputLineReader? _stderrReader;
    private readonly int _maxMessageBytes;
    private bool[] _bound = new bool[8];
    private Stream? _input;

    // The shared-memory segments large requests go through; the kept one is closed when the worker is lost.
    private OutgoingSegments? _segments;

    // The response pipe's frames, read by the reading thread or, between TryLead and the hand-back, by a synchronous
    // caller (_handOff orders the two; null where the caller cannot read, see HandOffPipe.TryCreate).
    private LengthPrefixFrameReader? _reader;
    private HandOffPipe? _handOff;

    // Awaiting callers that waited in vain (see ShouldWaitForAnswer): how many calls are not waited for, and how many the
    // next wait in vain will skip.
    private const int MaxBackOff = 64;
    private int _callsNotToWaitFor;
    private int _backOff;

    // A shutdown or kill can be asked for while Start is still creating the process (the pool lists a worker as
    // soon as it decides to start it); Start honours them once the process exists.
    private bool _shutdownPending;
    private volatile bool _killRequested;

    public WorkerProcess(WorkerPool pool, int maxMessageBytes)
    {
        _pool = pool;
        _maxMessageBytes = maxMessageBytes;
    }

    public ChildProcess? Child { get; private set; }

    public int ProcessId { get; private set; }

    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guarded by the pool lock.
    public WorkerState State { get; set; }

    public PendingCall? Current { get; set; }

    /// <summary>The call written to the worker's pipe behind <see cref="Current"/> (map pipelining): the worker reads it
    /// as soon as it has answered <see cref="Current"/>, so it never idles a round trip between chunks. It has not
    /// started, so it has no deadline yet and a loss of the worker sends it back to the queue.</summary>
    public PendingCall? Next { get; set; }

    /// <summary>Recycling was due while <see cref="Next"/> was already in the pipe: retire after that call.</summary>
    public bool RetireAfterCurrent { get; set; }

    public int CallsDone { get; set; }

    public long StartDeadline { get; set; }

    public long CallDeadline { get; set; } = long.MaxValue;

    public long CancelDeadline { get; set; } = long.MaxValue;

    public KillReason Reason { get; set; }

    /// <summary>The error a worker reported when its start failed (an initializer threw, an assembly did not load).</summary>
    public Exception? StartError { get; private set; }

    /// <summary>Starts the process and its reading threads, and sends the handshake, which carries
    /// <paramref name="secret"/>: the worker got it in its environment and serves only a parent that knows it (see
    /// <see cref="WorkerStdio.TakeWorkerSecret"/>).</summary>
    public void Start(WorkerLaunch launch, IDictionary<string, string?> environment, IReadOnlyList<Assembly> assemblies, bool reportWorkingSet, string secret)
    {
        Dictionary<string, string?> variables = WorkerRuntimeSettings.Defaults(Environment.GetEnvironmentVariable, AppContext.GetData);
        foreach ((string name, string? value) in environment)
        {
            variables[name] = value;
        }

        variables[WorkerStdio.WorkerVariable] = secret;
        variables[WorkerStdio.DescriptorsVariable] = OperatingSystem.IsLinux() ? WorkerStdio.DescriptorsValue : null;
        ChildProcess child = ChildProcess.Start(launch.FileName, launch.Arguments, variables);
        Child = child;
        ProcessId = child.ProcessId;
        if (_killRequested)
        {
            Kill();
        }

        var error = new OutputLineReader(child.StandardError, child.WaitForStandardError);
        _stderrReader = error;
        new Thread(() => error.Run(OnStandardErrorLine)) { IsBackground = true, Name = $"Forklift worker {ProcessId} stderr" }.Start();
        var output = new OutputLineReader(child.StandardOutput, static () => { });
        new Thread(() => output.Run(line => _pool.OnWorkerOutput(this, line, isError: false))) { IsBackground = true, Name = $"Forklift worker {ProcessId} stdout" }.Start();
        lock (_sendLock)
        {
            _input = child.Requests;
            _segments = SharedMemoryFrames.EnableFor(_send, Environment.ProcessId, ProcessId);
        }

        // On Linux a synchronous caller may read its own response from this pipe (see HandOffPipe and Lead).
        _handOff = HandOffPipe.TryCreate(child.Responses);
        _reader = new LengthPrefixFrameReader(_handOff ?? child.Responses, _maxMessageBytes, Environment.ProcessId, ProcessId);
        var reader = new Thread(ReadLoop) { IsBackground = true, Name = $"Forklift worker {ProcessId} reader" };
        reader.Start();
        SendHello(assemblies, reportWorkingSet, secret);
        bool shutdown;
        lock (_sendLock)
        {
            shutdown = _shutdownPending;
        }

        if (shutdown)
        {
            SendShutdown();
        }
    }

    /// <summary>Sends a request (binding its method first if this worker has not seen it).</summary>
    /// <returns>An error if the arguments could not be encoded (nothing was sent), otherwise <see langword="null"/>.</returns>
    /// <exception cref="IOException">The worker's input is closed: it died.</exception>
    public Exception? SendRequest(PendingCall call, int handle, long requestId)
    {
        lock (_sendLock)
        {
            if (handle >= _bound.Length || !_bound[handle])
            {
                WriteBind(call.Method, handle);
            }

            ReadOnlySpan<byte> frame;
            SharedMemorySegment? segment;
            try
            {
                FrameHeader.Begin(_send);
                var writer = new PayloadWriter(_send);
                writer.WriteInt64(requestId);
                writer.WriteVarUInt32((uint)handle);
                RequestFlags flags = (call.IsBatch ? RequestFlags.Batch : RequestFlags.None)
                    | (call.StreamsItems ? RequestFlags.StreamItems : RequestFlags.None)
                    | call.BatchFormat
                    | (call.TraceParent is null ? RequestFlags.None : RequestFlags.Trace);
                writer.WriteByte((byte)flags);
                if (call.TraceParent is not null)
                {
                    writer.WriteString(call.TraceParent);
                    writer.WriteString(call.TraceState);
                }

                call.EncodeArguments(_send);
                frame = SharedMemoryFrames.Complete(_send, (byte)MessageType.Request, _maxMessageBytes, out segment);
            }
            catch (Exception e)
            {
                return e is InvalidDataException
                    ? new InvalidDataException($"The arguments of {call.Method.Name} are too large to send: {e.Message}", e)
                    : e;
            }

            call.Delivered = true;
            call.WrittenAt = Stopwatch.GetTimestamp();
            SharedMemoryFrames.Write(_input!, frame, segment);

            // If a synchronous caller parked the pipe, the reading thread reads this request's answer.
            _handOff?.EnsureReading();
            return null;
        }
    }

    public void SendCancel(long requestId)
    {
        try
        {
            lock (_sendLock)
            {
                if (_input is null)
                {
                    return;
                }

                FrameHeader.Begin(_send);
                new PayloadWriter(_send).WriteInt64(requestId);
                _input!.Write(FrameHeader.Complete(_send, (byte)MessageType.Cancel, _maxMessageBytes));
            }
        }
        catch (IOException)
        {
            // Already gone; the reading thread reports it.
        }
    }

    public void SendShutdown()
    {
        try
        {
            lock (_sendLock)
            {
                if (_input is null)
                {
                    _shutdownPending = true;
                    return;
                }

                FrameHeader.Begin(_send);
                _input.Write(FrameHeader.Complete(_send, (byte)MessageType.Shutdown, _maxMessageBytes));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    public void Kill()
    {
        _killRequested = true;
        Child?.Kill();

        // A caller reading its own answer returns now, even if something keeps the pipe open past the worker.
        _handOff?.Poke();
    }

    /// <summary>The last lines of standard error, oldest first, once the worker has exited: waits (at most
    /// <paramref name="waitForEnd"/>) until its last words have been read, not for the end of the pipe, which a
    /// grandchild may hold open.</summary>
    public string[] StandardErrorTail(TimeSpan waitForEnd)
    {
        if (_stderrReader is OutputLineReader reader && Child is ChildProcess child)
        {
            reader.WaitUntilDrained(child.StandardErrorIsEmpty, waitForEnd, OnStandardErrorLine);
        }

        lock (_stderr)
        {
            return _stderr.ToArray();
        }
    }

    private void SendHello(IReadOnlyList<Assembly> assemblies, bool reportWorkingSet, string secret)
    {
        try
        {
            lock (_sendLock)
            {
                FrameHeader.Begin(_send);
                var writer = new PayloadWriter(_send);
                writer.WriteUInt32(ProtocolConstants.Magic);
                writer.WriteInt32(ProtocolConstants.Version);
                writer.WriteString(secret);
                writer.WriteInt32(_maxMessageBytes);
                writer.WriteBoolean(reportWorkingSet);
                writer.WriteNullableLength(assemblies.Count);
                foreach (Assembly assembly in assemblies)
                {
                    writer.WriteString(assembly.FullName);
                    writer.WriteString(AssemblyPath(assembly));
                }

                _input!.Write(FrameHeader.Complete(_send, (byte)MessageType.Hello, int.MaxValue));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Died at once; the reading thread reports it (and may already have disposed the process and its pipes, so
            // this must not escape Start: the pool would report the same worker lost twice).
        }
    }

    private void WriteBind(ParallelMethod method, int handle)
    {
        FrameHeader.Begin(_send);
        var writer = new PayloadWriter(_send);
        writer.WriteVarUInt32((uint)handle);
        writer.WriteString(method.Id);
        writer.WriteString(method.DeclaringType.Assembly.FullName);
        writer.WriteString(AssemblyPath(method.DeclaringType.Assembly));
        _input!.Write(FrameHeader.Complete(_send, (byte)MessageType.Bind, int.MaxValue));
        if (handle >= _bound.Length)
        {
            Array.Resize(ref _bound, Math.Max(handle + 1, _bound.Length * 2));
        }

        _bound[handle] = true;
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty location is sent as is; the worker then loads by name.")]
    private static string AssemblyPath(Assembly assembly) => assembly.Location;

    /// <summary>A synchronous caller takes the response pipe to read its own call's answer (see <see cref="Lead(PendingCall)"/>);
    /// <see langword="false"/> where that is not possible now (not Linux, the reading thread is in a frame, the
    /// connection ended).</summary>
    public bool TryLead() => _handOff is HandOffPipe pipe && pipe.TryLead();

    /// <summary>After <see cref="TryLead"/>: reads and handles this worker's frames on the caller's thread, exactly as the
    /// reading thread would, until <paramref name="call"/> has its outcome.</summary>
    /// <returns><see langword="true"/> if the connection goes on (the caller then hands the pipe back with
    /// <see cref="HandBack"/>); <see langword="false"/> if it ended: the pipe is closed and the reading thread reports
    /// the loss (the call then ends as calls of a lost worker do).</returns>
    /// <remarks>Bounded as the reading thread is, by the worker: the pipe ends when it dies, and every kill (a timeout,
    /// <c>Terminate</c>) also pokes the pipe (<see cref="Kill"/>), so the caller returns even if the pipe outlives the
    /// worker. A call can end some other way while its caller reads only through such a kill.</remarks>
    public bool Lead(PendingCall call) => Lead(call, long.MaxValue) != LeadOutcome.ConnectionEnded;

    /// <summary>As <see cref="Lead(PendingCall)"/>, but the caller waits for each frame only until
    /// <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp; <see cref="long.MaxValue"/>
    /// for no limit). It reads only once the pipe has data, and then reads the whole frame, so when it gives up
    /// (<see cref="LeadOutcome.TimeRanOut"/>, then <see cref="HandBack"/>) the reading thread starts at a frame
    /// boundary and nothing of the answer is lost. It waits past the deadline only to finish a frame it began.</summary>
    public LeadOutcome Lead(PendingCall call, long deadline)
    {
        HandOffPipe pipe = _handOff!;
        LengthPrefixFrameReader reader = _reader!;
        try
        {
            while (!call.IsCompleted)
            {
                // Checked before every frame, not only when the pipe is empty: a worker that keeps sending progress
                // (which a caller without a sink drops) must not keep the caller reading past its window. The reading
                // thread goes on from a frame boundary, with whatever is buffered (see HandBack).
                if (deadline != long.MaxValue
                    && (Stopwatch.GetTimestamp() >= deadline || (!reader.HasBufferedBytes && !pipe.WaitForData(deadline))))
                {
                    return LeadOutcome.TimeRanOut;
                }

                if (!reader.TryRead(out byte type, out ReadOnlyMemory<byte> body))
                {
                    pipe.Close(null);
                    return LeadOutcome.ConnectionEnded;
                }

                bool handshaken = true;
                Dispatch(reader, type, body, ref handshaken);
            }

            return LeadOutcome.Answered;
        }
        catch (InvalidDataException e)
        {
            pipe.Close(e);
            return LeadOutcome.ConnectionEnded;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe failed, or the worker was killed while the caller read (a poke): what follows cannot be read as frames.
            Kill();
            pipe.Close(null);
            return LeadOutcome.ConnectionEnded;
        }
        catch
        {
            Kill();
            pipe.Close(null);
            throw;
        }
    }

    /// <summary>Whether an awaiting caller should wait for this call's answer (see
    /// <see cref="WorkerPool.InvokeAsync{TArgs, TResult}"/>): yes, unless callers recently waited in vain. After each
    /// wait in vain the next 1, 2, 4, … 64 calls do not wait; an answer within the window (whoever read it) ends that.
    /// So a method that runs longer than the window costs a wait once in 65 calls at most, while a quick method whose
    /// answer was late once (a stall of a loaded machine) is waited for again after one call. Only the caller that
    /// took this idle worker calls it.</summary>
    public bool ShouldWaitForAnswer()
    {
        int skip = Volatile.Read(ref _callsNotToWaitFor);
        if (skip == 0)
        {
            return true;
        }

        Volatile.Write(ref _callsNotToWaitFor, skip - 1);
        return false;
    }

    /// <summary>An awaiting caller waited the whole window in vain (see <see cref="ShouldWaitForAnswer"/>).</summary>
    public void RecordWaitInVain()
    {
        int backOff = Volatile.Read(ref _backOff);
        backOff = backOff == 0 ? 1 : Math.Min(backOff * 2, MaxBackOff);
        Volatile.Write(ref _backOff, backOff);
        Volatile.Write(ref _callsNotToWaitFor, backOff);
    }

    /// <summary>The worker answered <paramref name="call"/>: an answer within <paramref name="window"/> of the request's
    /// write (<see cref="Stopwatch"/> ticks) makes callers wait for the next ones again.</summary>
    public void RecordAnswer(PendingCall call, long window)
    {
        if (Stopwatch.GetTimestamp() - call.WrittenAt <= window && Volatile.Read(ref _backOff) != 0)
        {
            Volatile.Write(ref _backOff, 0);
            Volatile.Write(ref _callsNotToWaitFor, 0);
        }
    }

    /// <summary>After <see cref="Lead(PendingCall)"/> returned <see langword="true"/>: gives the pipe back, to the reading thread if
    /// another call's answer is coming (the pool gave this worker its next call meanwhile).</summary>
    public void HandBack()
    {
        HandOffPipe pipe = _handOff!;
        if (_reader!.HasBufferedBytes)
        {
            pipe.HandBack(readerNeeded: true);
            return;
        }

        // Parked first, then the check: a request written after the check finds the pipe parked and wakes the
        // reading thread itself (SendRequest); one written before it is seen here.
        pipe.HandBack(readerNeeded: false);
        if (_pool.HasCallInFlight(this))
        {
            pipe.EnsureReading();
        }
    }

    private void ReadLoop()
    {
        Exception? protocolError = null;
        LengthPrefixFrameReader reader = _reader!;
        HandOffPipe? pipe = _handOff;
        try
        {
            using (reader)
            {
                bool handshaken = false;
                while (true)
                {
                    if (pipe is not null && !reader.HasBufferedBytes)
                    {
                        // Between frames a synchronous caller may take the pipe; wait until it is ours again.
                        pipe.EndTurn();
                        if (!pipe.AwaitTurn())
                        {
                            // The caller met the end of the connection: report it as if we had read it.
                            protocolError = pipe.Error as InvalidDataException;
                            break;
                        }
                    }

                    if (!reader.TryRead(out byte type, out ReadOnlyMemory<byte> body))
                    {
                        break;
                    }

                    Dispatch(reader, type, body, ref handshaken);
                }
            }
        }
        catch (InvalidDataException e)
        {
            protocolError = e;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }

        lock (_sendLock)
        {
            // Nobody reads our requests any more: unmap the kept segment (later sends fail on the closed pipe anyway).
            _segments?.Dispose();
        }

        _pool.OnWorkerLost(this, protocolError);
    }

    /// <summary>Hands one frame to the pool: on the reading thread, or on a synchronous caller's (<see cref="Lead(PendingCall)"/>).</summary>
    private void Dispatch(LengthPrefixFrameReader reader, byte type, ReadOnlyMemory<byte> body, ref bool handshaken)
    {
        switch ((MessageType)type)
        {
            case MessageType.Ready when !handshaken:
                CheckReady(body.Span);
                handshaken = true;
                _pool.OnWorkerReady(this);
                break;
            case MessageType.StartFailed when !handshaken:
                var errorReader = new PayloadReader(body.Span);
                StartError = RemoteExceptionFactory.CreateRemoteOnly(ErrorInfo.ReadChain(ref errorReader), null);
                break;
            case MessageType.Response when handshaken:
                _pool.OnResponse(this, body.Span);

                // A large result was read in place from shared memory: unmap it now, not at the next frame.
                reader.ReleaseShared();
                break;
            case MessageType.Progress when handshaken:
                _pool.OnProgress(this, body.Span);
                break;
            case MessageType.ItemsDone when handshaken:
                _pool.OnItemsDone(this, body.Span);
                break;
            case MessageType.ItemResults when handshaken:
                _pool.OnItemResults(this, body.Span);
                reader.ReleaseShared();
                break;
            default:
                throw new InvalidDataException(handshaken
                    ? $"Unexpected frame type {type} from the worker."
                    : $"The worker's first output was not a Forklift handshake (frame type {type}). If this is a self-contained app, its Main must start with `if (WorkerHost.TryRunAsWorker(args)) return;`.");
        }
    }

    private static void CheckReady(ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        if (reader.ReadUInt32() != ProtocolConstants.Magic || reader.ReadInt32() != ProtocolConstants.Version)
        {
            throw new InvalidDataException("The worker answered the handshake with another protocol version.");
        }
    }

    /// <summary>Keeps the last lines of standard error (for crash reports) and forwards each line.</summary>
    /// <remarks>Read on a thread of its own rather than with <see cref="System.Diagnostics.Process.BeginErrorReadLine"/>,
    /// whose reads complete on the thread pool: when the pool is starved (a loaded machine, callers blocking), a crash
    /// report would miss the worker's last words, such as the message of <see cref="Environment.FailFast(string)"/>.</remarks>
    private void OnStandardErrorLine(string line)
    {
        lock (_stderr)
        {
            if (_stderr.Count == StderrLines)
            {
                _stderr.Dequeue();
            }

            _stderr.Enqueue(line);
        }

        _pool.OnWorkerOutput(this, line, isError: true);
    }
}
