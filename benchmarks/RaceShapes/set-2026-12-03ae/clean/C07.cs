using System.Collections.Concurrent;

namespace Blind31.ModelRailwayClubs.Catalogue;

/// <summary>
/// Looks up rolling-stock scale data and caches computed conversion factors for every
/// caller of the club's parts catalogue.
/// </summary>
public static class GaugeFactors
{
    private static readonly IReadOnlyDictionary<string, double> s_denominators = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["N"] = 160,
        ["TT"] = 120,
        ["HO"] = 87,
        ["OO"] = 76.2,
        ["O"] = 43.5,
    };

    private static readonly ConcurrentDictionary<(string, string), Lazy<double>> s_factors = new();
    private static long s_lookups;

    public static long Lookups => Interlocked.Read(ref s_lookups);

    public static double Factor(string fromGauge, string toGauge)
    {
        Interlocked.Increment(ref s_lookups);
        var key = (fromGauge.ToUpperInvariant(), toGauge.ToUpperInvariant());
        var lazy = s_factors.GetOrAdd(key, k => new Lazy<double>(() => Compute(k.Item1, k.Item2)));
        return lazy.Value;
    }

    private static double Compute(string fromGauge, string toGauge)
    {
        if (!s_denominators.TryGetValue(fromGauge, out var from) || !s_denominators.TryGetValue(toGauge, out var to))
        {
            throw new ArgumentException($"Unknown gauge pair {fromGauge}->{toGauge}");
        }

        return from / to;
    }
}

public sealed record Wagon(string Code, string Gauge, double LengthMm, decimal Price);

/// <summary>Used by the web shop to show wagon lengths in the visitor's preferred gauge.</summary>
public sealed class WagonListing
{
    public IReadOnlyList<(string Code, double Length)> InGauge(IReadOnlyList<Wagon> wagons, string gauge)
    {
        return wagons
            .AsParallel()
            .AsOrdered()
            .Select(w => (w.Code, Math.Round(w.LengthMm * GaugeFactors.Factor(w.Gauge, gauge), 1)))
            .ToList();
    }

    public Task<double[]> LengthsAsync(IReadOnlyList<Wagon> wagons, string gauge)
    {
        var tasks = wagons.Select(w => Task.Run(() => w.LengthMm * GaugeFactors.Factor(w.Gauge, gauge)));
        return Task.WhenAll(tasks);
    }
}
