namespace Blind64.KayakHire.Sessions
{
    public sealed class HireSession
    {
        public HireSession(string customerId, string kayakId, DateTimeOffset startedAt)
        {
            CustomerId = customerId;
            KayakId = kayakId;
            StartedAt = startedAt;
        }

        public string CustomerId { get; }
        public string KayakId { get; }
        public DateTimeOffset StartedAt { get; }
    }

    /// <summary>
    /// Keeps the open hire sessions for the beach kiosk and the booking website.
    /// Registered as a singleton; its public members are called from many requests at once.
    /// </summary>
    public sealed class HireSessionRegistry
    {
        private readonly Dictionary<string, HireSession> _sessions = new();
        private readonly object _sync = new();

        public bool TryStart(string customerId, string kayakId, out HireSession session)
        {
            lock (_sync)
            {
                if (_sessions.TryGetValue(customerId, out var existing))
                {
                    session = existing;
                    return false;
                }

                session = new HireSession(customerId, kayakId, DateTimeOffset.UtcNow);
                _sessions.Add(customerId, session);
                return true;
            }
        }

        public HireSession? Find(string customerId)
        {
            lock (_sync)
            {
                return _sessions.TryGetValue(customerId, out var s) ? s : null;
            }
        }

        public TimeSpan? End(string customerId)
        {
            lock (_sessions)
            {
                if (!_sessions.Remove(customerId, out var session))
                {
                    return null;
                }

                return DateTimeOffset.UtcNow - session.StartedAt;
            }
        }

        public int OpenCount
        {
            get
            {
                lock (_sync)
                {
                    return _sessions.Count;
                }
            }
        }
    }

    /// <summary>Minimal-API style handlers used by the kiosk.</summary>
    public static class HireEndpoints
    {
        public static string Start(HireSessionRegistry registry, string customerId, string kayakId)
        {
            return registry.TryStart(customerId, kayakId, out var s)
                ? $"started {s.KayakId}"
                : $"already out on {s.KayakId}";
        }

        public static string Return(HireSessionRegistry registry, string customerId)
        {
            var duration = registry.End(customerId);
            if (duration is null)
            {
                return "no open hire";
            }

            var halfHours = (int)Math.Ceiling(duration.Value.TotalMinutes / 30.0);
            return $"charge {halfHours * 7.50m:C}";
        }
    }
}
