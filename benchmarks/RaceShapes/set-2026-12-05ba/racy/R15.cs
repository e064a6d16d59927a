namespace Blind53.MountainHuts.Booking;

/// <summary>
/// A guest's booking session on the hut reservation site.
/// </summary>
public sealed class HutBookingSession
{
    public HutBookingSession(string id, string guestEmail, DateTime expiresAtUtc)
    {
        Id = id;
        GuestEmail = guestEmail;
        ExpiresAtTicks = expiresAtUtc.Ticks;
    }

    public string Id { get; }

    public string GuestEmail { get; }

    public long ExpiresAtTicks;

    public int RequestCount;
}

/// <summary>
/// In-memory session store with sliding expiry. Registered as a singleton; every page
/// request touches its session, and a sweeper removes expired sessions once a minute.
/// The request count is used to show a captcha to very chatty sessions.
/// </summary>
public sealed class BookingSessionStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, HutBookingSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _slidingExpiry;
    private readonly Timer _sweeper;

    public BookingSessionStore(TimeSpan slidingExpiry)
    {
        _slidingExpiry = slidingExpiry;
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public HutBookingSession Create(string guestEmail)
    {
        var session = new HutBookingSession(Guid.NewGuid().ToString("N"), guestEmail, DateTime.UtcNow + _slidingExpiry);
        _lock.EnterWriteLock();
        try
        {
            _sessions.Add(session.Id, session);
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return session;
    }

    public bool TryTouch(string id, out int requestCount)
    {
        long now = DateTime.UtcNow.Ticks;
        _lock.EnterReadLock();
        try
        {
            if (!_sessions.TryGetValue(id, out var session) || Interlocked.Read(ref session.ExpiresAtTicks) < now)
            {
                requestCount = 0;
                return false;
            }

            Interlocked.Exchange(ref session.ExpiresAtTicks, now + _slidingExpiry.Ticks);
            session.RequestCount++;
            requestCount = session.RequestCount;
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Sweep()
    {
        long now = DateTime.UtcNow.Ticks;
        _lock.EnterWriteLock();
        try
        {
            var expired = _sessions.Values.Where(s => Interlocked.Read(ref s.ExpiresAtTicks) < now).Select(s => s.Id).ToList();
            foreach (var id in expired)
            {
                _sessions.Remove(id);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        _lock.Dispose();
    }
}
