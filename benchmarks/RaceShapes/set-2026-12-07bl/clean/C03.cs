using System.Collections.Concurrent;

namespace Blind64.FerrisWheel.Riders
{
    /// <summary>Per-visitor ride pass state, kept for the length of a park visit.</summary>
    public sealed class RiderSession
    {
        private int _ridesTaken;
        private long _lastRideTicks;

        public RiderSession(string passId, int ridesAllowed)
        {
            PassId = passId;
            RidesAllowed = ridesAllowed;
            _lastRideTicks = DateTime.UtcNow.Ticks;
        }

        public string PassId { get; }
        public int RidesAllowed { get; }
        public int RidesTaken => Volatile.Read(ref _ridesTaken);
        public DateTime LastRideUtc => new(Interlocked.Read(ref _lastRideTicks), DateTimeKind.Utc);

        public bool TryBoard()
        {
            while (true)
            {
                var taken = Volatile.Read(ref _ridesTaken);
                if (taken >= RidesAllowed)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _ridesTaken, taken + 1, taken) == taken)
                {
                    Interlocked.Exchange(ref _lastRideTicks, DateTime.UtcNow.Ticks);
                    return true;
                }
            }
        }
    }

    /// <summary>
    /// Dictionary of rider sessions used by all boarding gates. Registered as a singleton;
    /// the turnstile scanners call <see cref="Board"/> concurrently.
    /// </summary>
    public sealed class RiderSessionStore
    {
        private readonly ConcurrentDictionary<string, RiderSession> _sessions = new(StringComparer.Ordinal);
        private readonly Func<string, int> _ridesForPass;

        public RiderSessionStore(Func<string, int> ridesForPass) => _ridesForPass = ridesForPass;

        public (bool Boarded, int Remaining) Board(string passId)
        {
            var session = _sessions.GetOrAdd(passId, id => new RiderSession(id, _ridesForPass(id)));
            var boarded = session.TryBoard();
            return (boarded, session.RidesAllowed - session.RidesTaken);
        }

        public int EvictIdle(TimeSpan idleFor)
        {
            var cutoff = DateTime.UtcNow - idleFor;
            var evicted = 0;
            foreach (var pair in _sessions)
            {
                if (pair.Value.LastRideUtc < cutoff &&
                    _sessions.TryRemove(new KeyValuePair<string, RiderSession>(pair.Key, pair.Value)))
                {
                    evicted++;
                }
            }

            return evicted;
        }
    }
}
