using System.Collections.Concurrent;

namespace Blind22.VintageRally.Checkpoints;

public sealed record CheckpointPassage(int CarNumber, string Checkpoint, DateTimeOffset At, TimeSpan Deviation);

/// <summary>
/// Aggregates passages reported by the marshals' handsets at each regularity checkpoint.
/// Shared by every handset connection.
/// </summary>
public sealed class RegularityTimingHub
{
    private readonly ConcurrentQueue<CheckpointPassage> _log = new();
    private readonly ConcurrentDictionary<int, long> _penaltyTenths = new();
    private long _passages;
    private long _earlyArrivals;

    public long Passages => Interlocked.Read(ref _passages);

    public long EarlyArrivals => Interlocked.Read(ref _earlyArrivals);

    public void Record(CheckpointPassage passage)
    {
        _log.Enqueue(passage);
        Interlocked.Increment(ref _passages);

        var tenths = (long)Math.Round(Math.Abs(passage.Deviation.TotalSeconds) * 10);
        if (passage.Deviation < TimeSpan.Zero)
        {
            Interlocked.Increment(ref _earlyArrivals);
            tenths *= 2;
        }
        _penaltyTenths.AddOrUpdate(passage.CarNumber, tenths, (_, total) => total + tenths);
    }

    public IReadOnlyList<(int Car, double PenaltySeconds)> Leaderboard()
        => _penaltyTenths
            .Select(kv => (kv.Key, kv.Value / 10.0))
            .OrderBy(x => x.Item2)
            .ToList();

    public CheckpointPassage[] ExportLog() => _log.ToArray();
}

public static class HandsetSimulator
{
    public static Task RunAsync(RegularityTimingHub hub, string[] checkpoints, int cars, CancellationToken ct)
    {
        return Parallel.ForEachAsync(checkpoints, ct, async (checkpoint, token) =>
        {
            var rng = new Random(checkpoint.GetHashCode());
            for (var car = 1; car <= cars; car++)
            {
                var deviation = TimeSpan.FromSeconds(rng.NextDouble() * 6 - 3);
                hub.Record(new CheckpointPassage(car, checkpoint, DateTimeOffset.UtcNow, deviation));
                await Task.Delay(rng.Next(5, 20), token).ConfigureAwait(false);
            }
        });
    }
}
