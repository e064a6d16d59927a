using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind16.FoodBank.Allocation;

public sealed record PantryDemand(string PantryId, int Households, int ChildrenUnderFive);

public sealed record DepotStock(string DepotId, int FoodParcels, int BabyPacks);

public sealed record DepotAllocation(string DepotId, IReadOnlyDictionary<string, int> ParcelsByPantry);

/// <summary>
/// Splits the week's parcels across pantries. Each depot is handled by its own
/// thread; in the first phase every depot works out its local demand share, then
/// after all depots have finished, each allocates using the regional totals.
/// </summary>
public static class WeeklyAllocator
{
    public static DepotAllocation[] Allocate(
        IReadOnlyList<DepotStock> depots,
        IReadOnlyDictionary<string, IReadOnlyList<PantryDemand>> pantriesByDepot)
    {
        var localDemand = new int[depots.Count];
        var localStock = new int[depots.Count];
        var results = new DepotAllocation[depots.Count];

        using var barrier = new Barrier(depots.Count);

        var threads = depots.Select((depot, index) => new Thread(() =>
        {
            var pantries = pantriesByDepot.TryGetValue(depot.DepotId, out var p) ? p : Array.Empty<PantryDemand>();

            // Phase 1: local figures for this depot.
            localDemand[index] = pantries.Sum(x => x.Households);
            localStock[index] = depot.FoodParcels;

            barrier.SignalAndWait();

            // Phase 2: allocate against the regional totals.
            var regionDemand = Math.Max(1, localDemand.Sum());
            var regionStock = localStock.Sum();
            var perHousehold = (double)regionStock / regionDemand;

            var parcels = new Dictionary<string, int>(StringComparer.Ordinal);
            var remaining = depot.FoodParcels;
            foreach (var pantry in pantries.OrderByDescending(x => x.ChildrenUnderFive))
            {
                var share = Math.Min(remaining, (int)Math.Round(pantry.Households * perHousehold));
                parcels[pantry.PantryId] = share;
                remaining -= share;
            }

            results[index] = new DepotAllocation(depot.DepotId, parcels);
        })
        { Name = $"depot-{depot.DepotId}" }).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        return results;
    }
}
