using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Blind59.Fishmonger.Metrics;

public sealed record SpeciesSales(string Species, long Portions, long WeightGrams, long PencePaid);

/// <summary>
/// Running sales totals per species, fed by every till and the online order service and
/// drained once a minute for the wholesale reorder screen.
/// </summary>
public sealed class CounterSalesMetrics
{
    private sealed class SpeciesCounter
    {
        public long Portions;
        public long WeightGrams;
        public long PencePaid;
    }

    private readonly ConcurrentDictionary<string, SpeciesCounter> _counters = new(StringComparer.OrdinalIgnoreCase);

    public void RecordSale(string species, int weightGrams, int pence)
    {
        var counter = _counters.GetOrAdd(species, static _ => new SpeciesCounter());
        Interlocked.Increment(ref counter.Portions);
        Interlocked.Add(ref counter.WeightGrams, weightGrams);
        Interlocked.Add(ref counter.PencePaid, pence);
    }

    /// <summary>
    /// Returns the totals since the previous drain and resets them.
    /// </summary>
    public IReadOnlyList<SpeciesSales> Drain()
    {
        var result = new List<SpeciesSales>();
        foreach (var (species, counter) in _counters)
        {
            long portions = Interlocked.Exchange(ref counter.Portions, 0);
            long grams = Interlocked.Exchange(ref counter.WeightGrams, 0);
            long pence = Interlocked.Exchange(ref counter.PencePaid, 0);
            if (portions != 0 || grams != 0 || pence != 0)
            {
                result.Add(new SpeciesSales(species, portions, grams, pence));
            }
        }
        return result;
    }
}

/// <summary>
/// Drains the counters each minute and hands them to the reorder screen.
/// </summary>
public sealed class ReorderFeedService : BackgroundService
{
    private readonly CounterSalesMetrics _metrics;
    private readonly IProgress<IReadOnlyList<SpeciesSales>> _screen;

    public ReorderFeedService(CounterSalesMetrics metrics, IProgress<IReadOnlyList<SpeciesSales>> screen)
    {
        _metrics = metrics;
        _screen = screen;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            _screen.Report(_metrics.Drain());
        }
    }
}

public static class TillEndpoints
{
    public static void Sale(CounterSalesMetrics metrics, string species, int grams, int pence) =>
        metrics.RecordSale(species, grams, pence);

    public static void ReplayDay(CounterSalesMetrics metrics, IEnumerable<(string Species, int Grams, int Pence)> receipts) =>
        Parallel.ForEach(receipts, r => metrics.RecordSale(r.Species, r.Grams, r.Pence));
}
