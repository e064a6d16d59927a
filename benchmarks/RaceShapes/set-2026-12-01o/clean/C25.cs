using System.Collections.Concurrent;

namespace MobileGame.Leaderboards.Live;

public sealed record ScoreSubmission(string PlayerId, string DisplayName, int Score, DateTime SubmittedAtUtc);

public sealed record LeaderboardRow(int Rank, string DisplayName, int Score);

/// <summary>
/// Keeps the all-time top-N board for the mobile game's leaderboard API. Submissions from
/// the API are queued and applied in the background.
/// </summary>
public sealed class TopScoresBoard : IDisposable
{
    private readonly BlockingCollection<ScoreSubmission> _incoming = new(boundedCapacity: 10_000);
    private readonly Dictionary<string, ScoreSubmission> _bestPerPlayer = new(StringComparer.Ordinal);
    private readonly Thread _applier;
    private readonly int _size;
    private LeaderboardRow[] _snapshot = Array.Empty<LeaderboardRow>();

    public TopScoresBoard(int size = 100)
    {
        _size = size;
        _applier = new Thread(ApplyLoop) { IsBackground = true, Name = "leaderboard-applier" };
        _applier.Start();
    }

    public bool Submit(ScoreSubmission submission) =>
        !_incoming.IsAddingCompleted && _incoming.TryAdd(submission, TimeSpan.FromMilliseconds(50));

    public IReadOnlyList<LeaderboardRow> Top => Volatile.Read(ref _snapshot);

    private void ApplyLoop()
    {
        foreach (var submission in _incoming.GetConsumingEnumerable())
        {
            if (_bestPerPlayer.TryGetValue(submission.PlayerId, out var best) && best.Score >= submission.Score)
            {
                continue;
            }

            _bestPerPlayer[submission.PlayerId] = submission;

            if (_incoming.Count == 0)
            {
                Publish();
            }
        }

        Publish();
    }

    private void Publish()
    {
        var rows = _bestPerPlayer.Values
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.SubmittedAtUtc)
            .Take(_size)
            .Select((s, i) => new LeaderboardRow(i + 1, s.DisplayName, s.Score))
            .ToArray();

        Volatile.Write(ref _snapshot, rows);
    }

    public void Dispose()
    {
        _incoming.CompleteAdding();
        _applier.Join();
        _incoming.Dispose();
    }
}
