using System;
using System.Collections.Immutable;
using System.Threading;

namespace Blind62.Lighthouse.LampStatus
{
    public enum LampCondition
    {
        Lit,
        Dimmed,
        Failed,
        Maintenance,
    }

    public sealed record LampStatus(string Station, LampCondition Condition, int RotationRpm, DateTimeOffset ReportedAt);

    /// <summary>
    /// Latest known lamp status for every station on the coast. Telemetry from the
    /// radio links arrives on many threads; the coastguard display polls
    /// <see cref="Snapshot"/> several times a second.
    /// </summary>
    public sealed class LampStatusBoard
    {
        private ImmutableDictionary<string, LampStatus> _statuses =
            ImmutableDictionary.Create<string, LampStatus>(StringComparer.OrdinalIgnoreCase);

        private long _updatesApplied;

        public ImmutableDictionary<string, LampStatus> Snapshot => Volatile.Read(ref _statuses);

        public long UpdatesApplied => Interlocked.Read(ref _updatesApplied);

        /// <summary>
        /// Applies a report unless a newer one for the same station has already arrived
        /// (radio links can deliver out of order).
        /// </summary>
        public bool Report(LampStatus status)
        {
            ArgumentNullException.ThrowIfNull(status);

            while (true)
            {
                var current = Volatile.Read(ref _statuses);
                if (current.TryGetValue(status.Station, out var existing) && existing.ReportedAt >= status.ReportedAt)
                {
                    return false;
                }

                var updated = current.SetItem(status.Station, status);
                if (ReferenceEquals(Interlocked.CompareExchange(ref _statuses, updated, current), current))
                {
                    Interlocked.Increment(ref _updatesApplied);
                    return true;
                }
            }
        }

        public int CountIn(LampCondition condition)
        {
            int count = 0;
            foreach (var status in Snapshot.Values)
            {
                if (status.Condition == condition)
                {
                    count++;
                }
            }

            return count;
        }

        public bool Forget(string station)
        {
            while (true)
            {
                var current = Volatile.Read(ref _statuses);
                if (!current.ContainsKey(station))
                {
                    return false;
                }

                var updated = current.Remove(station);
                if (ReferenceEquals(Interlocked.CompareExchange(ref _statuses, updated, current), current))
                {
                    return true;
                }
            }
        }
    }
}
