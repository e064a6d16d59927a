using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.FishingFleet.Landings;

public sealed record LandingSlip(string Vessel, string Species, double Kilograms, bool Undersized);

public sealed record CatchTotals(double TotalKilograms, int UndersizedSlips, IReadOnlyDictionary<string, double> KilogramsBySpecies);

/// <summary>Tallies the harbour's landing slips for the quota report.</summary>
public static class LandingTally
{
    private sealed class PartialTally
    {
        public double Kilograms;
        public int Undersized;
        public readonly Dictionary<string, double> BySpecies = new(StringComparer.OrdinalIgnoreCase);
    }

    public static CatchTotals Tally(IEnumerable<LandingSlip> slips)
    {
        var merged = new ConcurrentDictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var mergeLock = new object();
        double totalKilograms = 0;
        int undersized = 0;

        Parallel.ForEach(
            slips,
            () => new PartialTally(),
            (slip, _, local) =>
            {
                local.Kilograms += slip.Kilograms;
                if (slip.Undersized)
                    local.Undersized++;
                local.BySpecies[slip.Species] = local.BySpecies.GetValueOrDefault(slip.Species) + slip.Kilograms;
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    totalKilograms += local.Kilograms;
                }
                Interlocked.Add(ref undersized, local.Undersized);
                foreach (var pair in local.BySpecies)
                    merged.AddOrUpdate(pair.Key, pair.Value, (_, existing) => existing + pair.Value);
            });

        return new CatchTotals(totalKilograms, undersized, new Dictionary<string, double>(merged, StringComparer.OrdinalIgnoreCase));
    }
}
