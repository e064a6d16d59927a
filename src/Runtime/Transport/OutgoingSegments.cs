namespace Forklift.Transport;

/// <summary>
/// The shared-memory segments one side of a connection writes its large messages into: one kept and reused from
/// message to message, and one-shot segments for a message that finds it still in use.
/// </summary>
/// <remarks>
/// <para>Used by one writer at a time (under its send lock), and by a timer: the kept segment grows to the largest
/// message it carried; it is dropped, and the next large message starts a new one, when a message uses less than a
/// quarter of it (so one huge message does not pin its memory for ever), and closed with the connection
/// (<see cref="Dispose"/>).</para>
/// <para><b>Idle trim.</b> A kept segment larger than <see cref="AlwaysKeepBytes"/> that carried no message for
/// <see cref="DefaultIdleTrim"/> gives its memory back (<see cref="SharedMemorySegment.TryTrim"/>): a connection
/// that once carried a 1 GB value would otherwise hold that gigabyte (and its reader's mapping of it) as long as it
/// lives. The next large message fills the segment again, at the cost of a first message (its pages are allocated
/// and faulted in once more: about 0.5 s per GB on the benchmark machine), which is why it waits that long.</para>
/// </remarks>
internal sealed class OutgoingSegments : IDisposable
{
    /// <summary>How long a large kept segment may stay unused before it gives its memory back.</summary>
    public static readonly TimeSpan DefaultIdleTrim = TimeSpan.FromSeconds(10);

    // A kept segment at most this large is never dropped for being too big for the message in it, nor trimmed.
    private const long AlwaysKeepBytes = 16L * 1024 * 1024;

    private readonly int _poolPid;
    private readonly int _workerPid;
    private readonly TimeSpan _idleTrim;

    // Guards _kept, _disposed, _lastUse and the timer against the timer's callback.
    private readonly object _gate = new();
    private SharedMemorySegment? _kept;
    private bool _disposed;
    private long _lastUse;
    private Timer? _trimTimer;

    public OutgoingSegments(int poolPid, int workerPid, TimeSpan? idleTrim = null)
    {
        _poolPid = poolPid;
        _workerPid = workerPid;
        _idleTrim = idleTrim ?? DefaultIdleTrim;
    }

    /// <summary>A segment for the next large message: the kept one if the reader released it, a new kept one if
    /// there is none, otherwise a one-shot segment.</summary>
    public SharedMemorySegment Take()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return SharedMemorySegment.Create(_poolPid, _workerPid, owner: null);
            }

            _lastUse = Environment.TickCount64;
            if (_kept is null)
            {
                _kept = SharedMemorySegment.Create(_poolPid, _workerPid, this);
                _ = _kept.TryTake();
                return _kept;
            }

            return _kept.TryTake() ? _kept : SharedMemorySegment.Create(_poolPid, _workerPid, owner: null);
        }
    }

    /// <summary>Whether the reader should keep its mapping of <paramref name="segment"/>, which now holds a message of
    /// <paramref name="length"/> bytes: <see langword="false"/> for a one-shot segment, and for the kept one when
    /// this message is its last (it is then forgotten here, and unmapped once sent).</summary>
    public static bool KeepAfter(SharedMemorySegment segment, long length)
    {
        if (!segment.IsKept)
        {
            return false;
        }

        if (segment.Capacity <= AlwaysKeepBytes || length >= segment.Capacity / 4)
        {
            segment.Owner!.Used(segment);
            return true;
        }

        segment.Owner!.Forget(segment);
        return false;
    }

    /// <summary>Closes the kept segment (the connection is gone); later messages get one-shot segments.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _trimTimer?.Dispose();
            _trimTimer = null;
            SharedMemorySegment? kept = _kept;
            _kept = null;
            kept?.Close(deleteName: true);
        }
    }

    /// <summary>The kept segment now holds a message: if it is large, (re)start the idle countdown.</summary>
    private void Used(SharedMemorySegment segment)
    {
        if (segment.Capacity <= AlwaysKeepBytes)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _kept != segment)
            {
                return;
            }

            _lastUse = Environment.TickCount64;
            if (_trimTimer is null)
            {
                // No ExecutionContext captured: the callback must not carry the sender's async-locals (an Activity).
                using (ExecutionContext.SuppressFlow())
                {
                    _trimTimer = new Timer(static state => ((OutgoingSegments)state!).TrimIfIdle(), this, _idleTrim, Timeout.InfiniteTimeSpan);
                }
            }
            else
            {
                _ = _trimTimer.Change(_idleTrim, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void TrimIfIdle()
    {
        lock (_gate)
        {
            if (_disposed || _kept is null || _trimTimer is null)
            {
                return;
            }

            long idleFor = Environment.TickCount64 - _lastUse;
            if (idleFor < (long)_idleTrim.TotalMilliseconds)
            {
                // A message was taken since the countdown started.
                _ = _trimTimer.Change(TimeSpan.FromMilliseconds((long)_idleTrim.TotalMilliseconds - idleFor), Timeout.InfiniteTimeSpan);
            }
            else if (_kept.Capacity > AlwaysKeepBytes && !_kept.TryTrim())
            {
                // The reader still holds the last message (a worker running a long call on its arguments): later.
                _ = _trimTimer.Change(_idleTrim, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Forget(SharedMemorySegment segment)
    {
        lock (_gate)
        {
            if (_kept == segment)
            {
                _kept = null;
                segment.Disown();
            }
        }
    }
}
