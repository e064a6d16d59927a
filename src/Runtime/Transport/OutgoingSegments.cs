namespace Forklift.Transport;

/// <summary>
/// The shared-memory segments one side of a connection writes its large messages into: one kept and reused from
/// message to message, and one-shot segments for a message that finds it still in use.
/// </summary>
/// <remarks>
/// Used by one writer at a time (under its send lock). The kept segment grows to the largest message it carried; it
/// is dropped, and the next large message starts a new one, when a message uses less than a quarter of it (so one
/// huge message does not pin its memory for ever), and closed with the connection (<see cref="Dispose"/>).
/// </remarks>
internal sealed class OutgoingSegments : IDisposable
{
    // A kept segment at most this large is never dropped for being too big for the message in it.
    private const long AlwaysKeepBytes = 16L * 1024 * 1024;

    private readonly int _poolPid;
    private readonly int _workerPid;
    private SharedMemorySegment? _kept;
    private bool _disposed;

    public OutgoingSegments(int poolPid, int workerPid)
    {
        _poolPid = poolPid;
        _workerPid = workerPid;
    }

    /// <summary>A segment for the next large message: the kept one if the reader released it, a new kept one if
    /// there is none, otherwise a one-shot segment.</summary>
    public SharedMemorySegment Take()
    {
        if (_disposed)
        {
            return SharedMemorySegment.Create(_poolPid, _workerPid, owner: null);
        }

        if (_kept is null)
        {
            _kept = SharedMemorySegment.Create(_poolPid, _workerPid, this);
            _ = _kept.TryTake();
            return _kept;
        }

        return _kept.TryTake() ? _kept : SharedMemorySegment.Create(_poolPid, _workerPid, owner: null);
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
            return true;
        }

        segment.Owner!.Forget(segment);
        return false;
    }

    /// <summary>Closes the kept segment (the connection is gone); later messages get one-shot segments.</summary>
    public void Dispose()
    {
        _disposed = true;
        SharedMemorySegment? kept = _kept;
        _kept = null;
        kept?.Close(deleteName: true);
    }

    private void Forget(SharedMemorySegment segment)
    {
        if (_kept == segment)
        {
            _kept = null;
            segment.Disown();
        }
    }
}
