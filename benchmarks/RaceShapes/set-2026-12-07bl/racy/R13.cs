namespace Blind64.Avalanche.Zones
{
    public enum HazardLevel { Low = 1, Moderate, Considerable, High, Extreme }

    public sealed class ZoneStatus
    {
        public ZoneStatus(string zoneId) => ZoneId = zoneId;

        public string ZoneId { get; }
        public HazardLevel Level { get; set; } = HazardLevel.Low;
        public bool RoadClosed { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    /// <summary>
    /// Current hazard status for each avalanche control zone on the pass.
    /// App-wide singleton: the forecasters' console writes to it and the public
    /// road-status API and the signboard controller read from it concurrently.
    /// </summary>
    public sealed class ZoneStatusBoard : IDisposable
    {
        private readonly ReaderWriterLockSlim _lock = new();
        private readonly Dictionary<string, ZoneStatus> _zones = new(StringComparer.OrdinalIgnoreCase);

        public void SetHazard(string zoneId, HazardLevel level)
        {
            _lock.EnterWriteLock();
            try
            {
                var zone = GetOrCreate(zoneId);
                zone.Level = level;
                zone.UpdatedAt = DateTimeOffset.UtcNow;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        public void SetRoadClosed(string zoneId, bool closed)
        {
            _lock.EnterReadLock();
            try
            {
                if (_zones.TryGetValue(zoneId, out var zone))
                {
                    zone.RoadClosed = closed;
                    zone.UpdatedAt = DateTimeOffset.UtcNow;
                }
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public (HazardLevel Level, bool RoadClosed, DateTimeOffset UpdatedAt)? Get(string zoneId)
        {
            _lock.EnterReadLock();
            try
            {
                return _zones.TryGetValue(zoneId, out var z) ? (z.Level, z.RoadClosed, z.UpdatedAt) : null;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public IReadOnlyList<string> ClosedRoads()
        {
            _lock.EnterReadLock();
            try
            {
                return _zones.Values.Where(z => z.RoadClosed).Select(z => z.ZoneId).ToList();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        private ZoneStatus GetOrCreate(string zoneId)
        {
            if (!_zones.TryGetValue(zoneId, out var zone))
            {
                zone = new ZoneStatus(zoneId);
                _zones.Add(zoneId, zone);
            }

            return zone;
        }

        public void Dispose() => _lock.Dispose();
    }
}
