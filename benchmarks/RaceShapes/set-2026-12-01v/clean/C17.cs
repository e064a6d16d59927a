using System.Collections.Concurrent;

namespace Blind22.Wildfire.Lookouts;

public sealed record SmokeReport(string TowerId, double BearingDegrees, DateTimeOffset SeenAt, string Observer);

public sealed record Triangulation(string TowerA, string TowerB, double BearingA, double BearingB, DateTimeOffset At);

/// <summary>
/// Collects smoke sightings radioed in from the lookout towers during a shift and pairs
/// sightings from different towers made within a few minutes of each other.
/// </summary>
public sealed class SmokeSightingCollator
{
    private readonly BlockingCollection<SmokeReport> _inbox = new(boundedCapacity: 500);
    private readonly List<Triangulation> _pairs = new();
    private readonly List<SmokeReport> _recent = new();
    private readonly Task _consumer;
    private readonly TimeSpan _window;

    public SmokeSightingCollator(TimeSpan window)
    {
        _window = window;
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Called by the radio desk for each report, from any thread.</summary>
    public bool Submit(SmokeReport report) => _inbox.TryAdd(report, TimeSpan.FromSeconds(2));

    private void Consume()
    {
        foreach (var report in _inbox.GetConsumingEnumerable())
        {
            _recent.RemoveAll(r => report.SeenAt - r.SeenAt > _window);
            foreach (var other in _recent)
            {
                if (other.TowerId != report.TowerId)
                {
                    _pairs.Add(new Triangulation(other.TowerId, report.TowerId,
                        other.BearingDegrees, report.BearingDegrees, report.SeenAt));
                }
            }
            _recent.Add(report);
        }
    }

    /// <summary>
    /// Ends the shift: stops accepting reports, lets the collator drain, and returns
    /// every pair found.
    /// </summary>
    public async Task<IReadOnlyList<Triangulation>> EndShiftAsync()
    {
        _inbox.CompleteAdding();
        await _consumer.ConfigureAwait(false);
        _inbox.Dispose();
        return _pairs.ToList();
    }
}

public static class LookoutShiftRunner
{
    public static async Task<int> ReplayAsync(IEnumerable<IEnumerable<SmokeReport>> towerLogs, TimeSpan window)
    {
        var collator = new SmokeSightingCollator(window);
        var radios = towerLogs.Select(log => Task.Run(() =>
        {
            foreach (var report in log)
            {
                collator.Submit(report);
            }
        }));
        await Task.WhenAll(radios).ConfigureAwait(false);
        var pairs = await collator.EndShiftAsync().ConfigureAwait(false);
        return pairs.Count;
    }
}
