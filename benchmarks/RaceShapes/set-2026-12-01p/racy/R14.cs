using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.Lighthouse.Rota;

public sealed record LighthouseStation(string StationId, string Name, bool BoatAccessOnly, int ServiceIntervalDays, DateOnly LastServiced);

public sealed record Keeper(string KeeperId, string Name, bool BoatQualified);

public sealed record RotaVisit(string StationId, string KeeperId, DateOnly Day);

/// <summary>
/// Builds the maintenance visit rota for a coastal district. The desktop planner
/// calls <see cref="PlanAsync"/> with a token that is cancelled when the planner
/// clicks "Stop" or after the configured planning time budget.
/// </summary>
public sealed class KeeperRotaPlanner
{
    private readonly List<RotaVisit> _planned = new();
    private readonly Action<string> _log;

    public KeeperRotaPlanner(Action<string> log) => _log = log;

    public async Task<IReadOnlyList<RotaVisit>> PlanAsync(
        IReadOnlyList<LighthouseStation> stations,
        IReadOnlyList<Keeper> keepers,
        DateOnly from,
        int days,
        CancellationToken ct)
    {
        _planned.Clear();

        using var registration = ct.Register(() =>
        {
            _planned.Clear();
            _log("Planning stopped; partial rota discarded.");
        });

        await Task.Run(() =>
        {
            var load = keepers.ToDictionary(k => k.KeeperId, _ => 0);

            for (var d = 0; d < days && !ct.IsCancellationRequested; d++)
            {
                var day = from.AddDays(d);

                foreach (var station in stations.Where(s => s.LastServiced.AddDays(s.ServiceIntervalDays) <= day))
                {
                    if (_planned.Any(v => v.StationId == station.StationId))
                    {
                        continue;
                    }

                    var keeper = keepers
                        .Where(k => !station.BoatAccessOnly || k.BoatQualified)
                        .OrderBy(k => load[k.KeeperId])
                        .FirstOrDefault();

                    if (keeper is null)
                    {
                        continue;
                    }

                    load[keeper.KeeperId]++;
                    _planned.Add(new RotaVisit(station.StationId, keeper.KeeperId, day));
                }
            }
        }, CancellationToken.None).ConfigureAwait(false);

        return _planned.ToArray();
    }
}
