namespace Blind61.VintageRally.Timing;

public sealed record StageTime(string CarNumber, string Stage, TimeSpan Elapsed, int PenaltySeconds);

/// <summary>
/// Carries the marshal's checkpoint id through async calls so the log lines and penalties
/// recorded deep in the scoring code can be attributed to the right checkpoint.
/// </summary>
public static class CheckpointContext
{
    private static readonly AsyncLocal<string?> _checkpoint = new();

    public static string? Current => _checkpoint.Value;

    public static IDisposable Enter(string checkpointId)
    {
        var previous = _checkpoint.Value;
        _checkpoint.Value = checkpointId;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly string? _previous;
        public Restore(string? previous) => _previous = previous;
        public void Dispose() => _checkpoint.Value = _previous;
    }
}

/// <summary>
/// Scores regularity stages and ranks cars, breaking ties with a random draw.
/// </summary>
public sealed class RegularityScorer
{
    private static readonly ThreadLocal<Random> _jitter = new(() => new Random(Environment.CurrentManagedThreadId));
    private readonly TimeSpan _targetAverageSpeedTime;

    public RegularityScorer(TimeSpan targetTime) => _targetAverageSpeedTime = targetTime;

    public StageTime Score(string carNumber, string stage, TimeSpan elapsed)
    {
        var deviation = Math.Abs((elapsed - _targetAverageSpeedTime).TotalSeconds);
        var penalty = (int)Math.Round(deviation);
        if (penalty > 0 && CheckpointContext.Current is { } cp && cp.EndsWith("-secret", StringComparison.Ordinal))
            penalty *= 2;   // secret checks count double
        return new StageTime(carNumber, stage, elapsed, penalty);
    }

    public IReadOnlyList<StageTime> RankWithTieBreak(IEnumerable<StageTime> times) =>
        times.Select(t => (t, key: _jitter.Value!.NextDouble()))
             .OrderBy(x => x.t.PenaltySeconds)
             .ThenBy(x => x.key)
             .Select(x => x.t)
             .ToList();
}

/// <summary>Handles uploads from marshals' handheld timing units.</summary>
public sealed class MarshalUploadHandler
{
    private readonly RegularityScorer _scorer;
    private readonly Func<StageTime, Task> _save;

    public MarshalUploadHandler(RegularityScorer scorer, Func<StageTime, Task> save)
    {
        _scorer = scorer;
        _save = save;
    }

    public async Task HandleAsync(string checkpointId, string stage, IReadOnlyList<(string Car, TimeSpan Elapsed)> times)
    {
        using (CheckpointContext.Enter(checkpointId))
        {
            await Parallel.ForEachAsync(times, async (entry, ct) =>
            {
                var scored = _scorer.Score(entry.Car, stage, entry.Elapsed);
                await _save(scored);
            });
        }
    }
}
