using System;
using System.Collections.Generic;

namespace Blind62.Lighthouse.Rota
{
    /// <summary>
    /// Tracks which keeper is currently on watch at each light station.
    /// Registered as an application-wide singleton: the watch-handover endpoint
    /// and the lamp dashboard call into it from many request threads.
    /// </summary>
    public sealed class KeeperRota
    {
        private readonly object _sync = new();
        private readonly Dictionary<string, WatchAssignment> _current = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<WatchAssignment> _history = new();

        public void BeginWatch(string station, string keeper, DateTimeOffset at)
        {
            ArgumentException.ThrowIfNullOrEmpty(station);
            ArgumentException.ThrowIfNullOrEmpty(keeper);

            var assignment = new WatchAssignment(station, keeper, at);
            lock (_sync)
            {
                if (_current.TryGetValue(station, out var previous))
                {
                    _history.Add(previous with { EndedAt = at });
                }

                _current[station] = assignment;
            }
        }

        public bool EndWatch(string station, DateTimeOffset at)
        {
            lock (_sync)
            {
                if (!_current.Remove(station, out var previous))
                {
                    return false;
                }

                _history.Add(previous with { EndedAt = at });
                return true;
            }
        }

        /// <summary>
        /// Used by the lamp dashboard to show who to radio for each station.
        /// </summary>
        public bool TryGetKeeperOnWatch(string station, out string? keeper)
        {
            if (_current.TryGetValue(station, out var assignment))
            {
                keeper = assignment.Keeper;
                return true;
            }

            keeper = null;
            return false;
        }

        public IReadOnlyList<WatchAssignment> GetHistory(string station)
        {
            lock (_sync)
            {
                return _history.FindAll(h => string.Equals(h.Station, station, StringComparison.OrdinalIgnoreCase));
            }
        }

        public int StationsManned
        {
            get
            {
                lock (_sync)
                {
                    return _current.Count;
                }
            }
        }
    }

    public sealed record WatchAssignment(string Station, string Keeper, DateTimeOffset StartedAt)
    {
        public DateTimeOffset? EndedAt { get; init; }
    }
}
