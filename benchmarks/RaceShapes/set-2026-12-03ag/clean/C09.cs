using System.Collections.Concurrent;

namespace MeadHall.Judging;

public sealed class ScoreRecordedEventArgs : EventArgs
{
    public ScoreRecordedEventArgs(string entry, string judge, int score)
    {
        Entry = entry;
        Judge = judge;
        Score = score;
    }

    public string Entry { get; }
    public string Judge { get; }
    public int Score { get; }
}

/// <summary>
/// Process-wide registry of tasting scores for the mead competition. Judges'
/// tablets record scores concurrently; the leaderboard and the printer service
/// subscribe to <see cref="ScoreRecorded"/>.
/// </summary>
public static class TastingScores
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> s_scores =
        new(StringComparer.OrdinalIgnoreCase);

    private static EventHandler<ScoreRecordedEventArgs>? s_scoreRecorded;

    public static event EventHandler<ScoreRecordedEventArgs>? ScoreRecorded
    {
        add
        {
            EventHandler<ScoreRecordedEventArgs>? current = Volatile.Read(ref s_scoreRecorded);
            while (true)
            {
                var combined = (EventHandler<ScoreRecordedEventArgs>?)Delegate.Combine(current, value);
                var seen = Interlocked.CompareExchange(ref s_scoreRecorded, combined, current);
                if (ReferenceEquals(seen, current))
                {
                    return;
                }
                current = seen;
            }
        }
        remove
        {
            EventHandler<ScoreRecordedEventArgs>? current = Volatile.Read(ref s_scoreRecorded);
            while (true)
            {
                var reduced = (EventHandler<ScoreRecordedEventArgs>?)Delegate.Remove(current, value);
                var seen = Interlocked.CompareExchange(ref s_scoreRecorded, reduced, current);
                if (ReferenceEquals(seen, current))
                {
                    return;
                }
                current = seen;
            }
        }
    }

    public static void Record(string entry, string judge, int score)
    {
        if (score is < 0 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(score));
        }

        var byJudge = s_scores.GetOrAdd(entry, _ => new ConcurrentDictionary<string, int>(StringComparer.OrdinalIgnoreCase));
        byJudge[judge] = score;

        Volatile.Read(ref s_scoreRecorded)?.Invoke(null, new ScoreRecordedEventArgs(entry, judge, score));
    }

    public static double? AverageFor(string entry)
    {
        if (!s_scores.TryGetValue(entry, out var byJudge))
        {
            return null;
        }

        var values = byJudge.Values;
        return values.Count == 0 ? null : values.Average();
    }

    public static IReadOnlyList<(string Entry, double Average)> Leaderboard() =>
        s_scores
            .Select(kv => (kv.Key, Scores: kv.Value.Values))
            .Where(e => e.Scores.Count > 0)
            .Select(e => (e.Key, e.Scores.Average()))
            .OrderByDescending(e => e.Item2)
            .ToList();
}
