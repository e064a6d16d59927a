using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.Lighthouse.Lamps;

public sealed record LampInspection(string StationId, DateOnly LastBulbChange, int BurnHours, bool RotationFault);

public sealed record LampWorkOrder(string StationId, string Task, int Priority);

/// <summary>
/// Generates lamp and lens work orders from the latest inspection reports. The
/// district engineer's app can abandon a long run, in which case whatever has been
/// produced so far is returned with a flag.
/// </summary>
public sealed class LampWorkOrderGenerator
{
    private readonly int _bulbLifeHours;

    public LampWorkOrderGenerator(int bulbLifeHours) => _bulbLifeHours = bulbLifeHours;

    public async Task<(IReadOnlyList<LampWorkOrder> Orders, bool Abandoned)> GenerateAsync(
        IReadOnlyList<LampInspection> inspections,
        CancellationToken ct)
    {
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = ct.Register(static state => ((TaskCompletionSource)state!).TrySetResult(), abandoned);

        var work = Task.Run(() =>
        {
            var orders = new List<LampWorkOrder>();
            foreach (var inspection in inspections)
            {
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                if (inspection.RotationFault)
                {
                    orders.Add(new LampWorkOrder(inspection.StationId, "Inspect lens rotation mechanism", 1));
                }

                if (inspection.BurnHours > _bulbLifeHours * 0.9)
                {
                    orders.Add(new LampWorkOrder(inspection.StationId, "Replace main lamp", 2));
                }
                else if (inspection.LastBulbChange < DateOnly.FromDateTime(DateTime.Today).AddYears(-2))
                {
                    orders.Add(new LampWorkOrder(inspection.StationId, "Replace standby lamp", 3));
                }
            }

            return orders;
        }, CancellationToken.None);

        var first = await Task.WhenAny(work, abandoned.Task).ConfigureAwait(false);
        var result = await work.ConfigureAwait(false);

        return (result.OrderBy(o => o.Priority).ThenBy(o => o.StationId, StringComparer.Ordinal).ToList(),
                first != work || ct.IsCancellationRequested);
    }
}
