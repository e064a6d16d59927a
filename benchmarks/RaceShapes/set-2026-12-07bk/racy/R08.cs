namespace Blind63.CanalBoatHire.Sessions;

public sealed class HireSession
{
    public HireSession(string customerId, string boatName)
    {
        CustomerId = customerId;
        BoatName = boatName;
    }

    public string CustomerId { get; }
    public string BoatName { get; }
    public DateTimeOffset OpenedAt { get; init; }
    public int LockPassages { get; set; }
}

/// <summary>
/// Per-customer sessions for boats currently out on hire. A singleton used by
/// the lock-keeper app endpoints; many lock keepers report passages at once.
/// </summary>
public sealed class HireSessionStore : IDisposable
{
    private readonly Dictionary<string, HireSession> _sessions = new();
    private readonly ReaderWriterLockSlim _rw = new();

    public void Open(string customerId, string boatName)
    {
        _rw.EnterWriteLock();
        try
        {
            _sessions[customerId] = new HireSession(customerId, boatName)
            {
                OpenedAt = DateTimeOffset.UtcNow
            };
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    /// <summary>Called when a lock keeper logs the boat passing through a lock.</summary>
    public bool RecordLockPassage(string customerId)
    {
        _rw.EnterReadLock();
        try
        {
            if (!_sessions.TryGetValue(customerId, out var session))
            {
                return false;
            }

            session.LockPassages++;
            return true;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public int PassagesFor(string customerId)
    {
        _rw.EnterReadLock();
        try
        {
            return _sessions.TryGetValue(customerId, out var s) ? s.LockPassages : 0;
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public HireSession? Close(string customerId)
    {
        _rw.EnterWriteLock();
        try
        {
            return _sessions.Remove(customerId, out var s) ? s : null;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}
