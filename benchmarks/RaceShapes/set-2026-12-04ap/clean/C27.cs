using System.Collections.Concurrent;

namespace Blind42.FishHatchery.Feeding;

public sealed record FeederReading(string Raceway, double PelletsKg, double WaterTempC);

public sealed class RacewayFeedTotals
{
    public Dictionary<string, double> PelletsKgByRaceway { get; } = new();
    public double MaxWaterTempC { get; set; } = double.MinValue;
    public int Readings { get; set; }
}

/// <summary>
/// Collects automatic-feeder readings during the day. Feeders push readings from their own
/// threads; a single consumer task owns the running totals and hands them back when the day
/// is closed.
/// </summary>
public sealed class FeederDayCollector : IDisposable
{
    private readonly BlockingCollection<FeederReading> _readings = new(boundedCapacity: 10_000);
    private readonly Task<RacewayFeedTotals> _consumer;

    public FeederDayCollector()
    {
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public bool TryRecord(FeederReading reading)
    {
        try
        {
            return _readings.TryAdd(reading, TimeSpan.FromMilliseconds(200));
        }
        catch (InvalidOperationException)
        {
            // Adding was completed: the day is already closed.
            return false;
        }
    }

    private RacewayFeedTotals Consume()
    {
        var totals = new RacewayFeedTotals();
        foreach (var reading in _readings.GetConsumingEnumerable())
        {
            totals.PelletsKgByRaceway[reading.Raceway] =
                totals.PelletsKgByRaceway.GetValueOrDefault(reading.Raceway) + reading.PelletsKg;
            totals.MaxWaterTempC = Math.Max(totals.MaxWaterTempC, reading.WaterTempC);
            totals.Readings++;
        }
        return totals;
    }

    /// <summary>Stops accepting readings and returns the day's totals once the backlog is drained.</summary>
    public async Task<RacewayFeedTotals> CloseDayAsync()
    {
        _readings.CompleteAdding();
        return await _consumer.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _readings.CompleteAdding();
        _consumer.Wait();
        _readings.Dispose();
    }
}

/// <summary>Simulates the feeders for the test bench.</summary>
public static class FeederSimulator
{
    public static async Task<RacewayFeedTotals> RunDayAsync(IReadOnlyList<string> raceways, int readingsPerFeeder)
    {
        using var collector = new FeederDayCollector();
        var feeders = raceways.Select(raceway => Task.Run(() =>
        {
            var random = new Random(raceway.GetHashCode());
            for (var i = 0; i < readingsPerFeeder; i++)
            {
                collector.TryRecord(new FeederReading(raceway, 0.2 + random.NextDouble() * 0.1, 9 + random.NextDouble() * 3));
            }
        }));

        await Task.WhenAll(feeders);
        var totals = await collector.CloseDayAsync();
        return totals;
    }
}
