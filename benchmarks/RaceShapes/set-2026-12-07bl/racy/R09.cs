using System.Collections.Immutable;

namespace Blind64.SubseaCable.Faults
{
    public sealed record RepeaterFault(string CableId, int RepeaterIndex, string Symptom, DateTimeOffset ReportedAt);

    /// <summary>
    /// Holds the open faults on the cable segments the repair ship is assigned to.
    /// Shared by the line-monitoring listeners (one per landing station) and the
    /// bridge display, which reads <see cref="OpenFaults"/> to plan the next grapnel run.
    /// </summary>
    public sealed class FaultBoard
    {
        private ImmutableSortedDictionary<(string CableId, int Repeater), RepeaterFault> _faults =
            ImmutableSortedDictionary<(string, int), RepeaterFault>.Empty;

        public IReadOnlyCollection<RepeaterFault> OpenFaults => Volatile.Read(ref _faults).Values.ToList();

        public void Report(RepeaterFault fault)
        {
            var key = (fault.CableId, fault.RepeaterIndex);
            _faults = _faults.SetItem(key, fault);
        }

        public bool Clear(string cableId, int repeaterIndex)
        {
            while (true)
            {
                var current = Volatile.Read(ref _faults);
                if (!current.ContainsKey((cableId, repeaterIndex)))
                {
                    return false;
                }

                var updated = current.Remove((cableId, repeaterIndex));
                if (Interlocked.CompareExchange(ref _faults, updated, current) == current)
                {
                    return true;
                }
            }
        }
    }

    /// <summary>Listens to one landing station's line monitor and posts faults to the board.</summary>
    public sealed class LandingStationListener
    {
        private readonly string _station;
        private readonly FaultBoard _board;

        public LandingStationListener(string station, FaultBoard board)
        {
            _station = station;
            _board = board;
        }

        public Task ListenAsync(IAsyncEnumerable<(string Cable, int Repeater, string Symptom)> alarms, CancellationToken ct)
        {
            return Task.Run(async () =>
            {
                await foreach (var alarm in alarms.WithCancellation(ct).ConfigureAwait(false))
                {
                    _board.Report(new RepeaterFault(alarm.Cable, alarm.Repeater,
                        $"{alarm.Symptom} (via {_station})", DateTimeOffset.UtcNow));
                }
            }, ct);
        }
    }

    public static class FaultMonitoring
    {
        public static Task RunAllAsync(FaultBoard board,
            IReadOnlyDictionary<string, IAsyncEnumerable<(string, int, string)>> stations,
            CancellationToken ct)
        {
            var listeners = stations.Select(s => new LandingStationListener(s.Key, board).ListenAsync(s.Value, ct));
            return Task.WhenAll(listeners);
        }
    }
}
