using Forklift.Buffers;
using Forklift.Framing;
using Forklift.Protocol;
using Forklift.Transport;

namespace Forklift.Dispatch;

/// <summary>
/// The worker's side of a streamed batch (<see cref="RequestFlags.StreamItems"/>, an unordered map): each finished
/// input's result is held for at most <see cref="ProtocolConstants.ItemResultsDelay"/> and then sent in an
/// <see cref="MessageType.ItemResults"/> frame with any others finished meanwhile, so a slow input never holds back the
/// results of the fast ones before it, and tiny inputs still share frames.
/// </summary>
/// <remarks>
/// <para>Threading: <see cref="Add"/> runs on the thread running the batch, the flush on a timer thread; both under
/// one lock, and a frame is written while holding it, so no results frame can follow the batch's response, which is
/// written after <see cref="Finish"/> took the results still held.</para>
/// <para>Ownership: results are copied in; the caller may reuse its buffer once <see cref="Add"/> returns.</para>
/// </remarks>
internal sealed class BatchResultStream
{
    /// <summary>Writes a completed frame (and the shared-memory segment its body spilled to, if any) to the parent.</summary>
    public delegate void FrameWriter(ReadOnlySpan<byte> frame, SharedMemorySegment? segment);

    private readonly object _gate = new();
    private readonly PooledBufferWriter _held = new();
    private readonly PooledBufferWriter _frame = new();
    private readonly FrameWriter _write;
    private readonly Func<int> _maxMessageBytes;
    private readonly Timer _timer;
    private long _requestId;
    private int _heldCount;
    private bool _active;
    private bool _broken;

    /// <param name="write">Writes a completed frame to the parent (under the worker's send lock).</param>
    /// <param name="maxMessageBytes">The pipe's frame limit, known after the handshake.</param>
    /// <param name="poolPid">The pool's pid for large frames in shared memory; 0 for the pipe only.</param>
    public BatchResultStream(FrameWriter write, Func<int> maxMessageBytes, int poolPid)
    {
        _write = write;
        _maxMessageBytes = maxMessageBytes;
        _timer = new Timer(static state => ((BatchResultStream)state!).Flush(), this, Timeout.Infinite, Timeout.Infinite);
        if (poolPid > 0)
        {
            _ = SharedMemoryFrames.EnableFor(_frame, poolPid, Environment.ProcessId);
        }
    }

    /// <summary>Starts streaming the results of request <paramref name="requestId"/>.</summary>
    public void Begin(long requestId)
    {
        lock (_gate)
        {
            _requestId = requestId;
            _held.Reset();
            _heldCount = 0;
            _broken = false;
            _active = true;
        }
    }

    /// <summary>The next input's encoded result.</summary>
    public void Add(ReadOnlySpan<byte> result)
    {
        lock (_gate)
        {
            _held.PatchInt32(_held.Reserve(4), result.Length);
            _held.Write(result);
            if (++_heldCount == 1 && !_broken)
            {
                _timer.Change(ProtocolConstants.ItemResultsDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Ends the stream and writes the results not yet sent (a varuint count, then each result) to
    /// <paramref name="response"/>, the batch's response payload.</summary>
    public void Finish(PooledBufferWriter response)
    {
        lock (_gate)
        {
            _active = false;
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            new PayloadWriter(response).WriteVarUInt32((uint)_heldCount);
            if (_heldCount > 0)
            {
                response.Write(_held.WrittenSpan);
            }

            _held.Reset();
            _heldCount = 0;
        }
    }

    /// <summary>Ends the stream without a result (the batch failed or was cancelled): held results are dropped.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _active = false;
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            _held.Reset();
            _heldCount = 0;
        }
    }

    private void Flush()
    {
        try
        {
            lock (_gate)
            {
                if (!_active || _broken || _heldCount == 0)
                {
                    return;
                }

                FrameHeader.Begin(_frame);
                var writer = new PayloadWriter(_frame);
                writer.WriteInt64(_requestId);
                writer.WriteVarUInt32((uint)_heldCount);
                _frame.Write(_held.WrittenSpan);
                ReadOnlySpan<byte> frame;
                SharedMemorySegment? segment;
                try
                {
                    frame = SharedMemoryFrames.Complete(_frame, (byte)MessageType.ItemResults, _maxMessageBytes(), out segment);
                }
                catch (InvalidDataException)
                {
                    // Too large for the pipe and no shared memory: the results stay held, and the batch's response
                    // carries them (and reports the size there, as for a batch that is not streamed).
                    _broken = true;
                    return;
                }

                _write(frame, segment);
                _held.Reset();
                _heldCount = 0;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The parent is gone; the reading loop ends the worker.
        }
    }
}
