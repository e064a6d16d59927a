using System.Collections.Concurrent;

namespace Blind55.Racy.R13;

public sealed class WalkerStats
{
    public int Walks;
    public double Kilometres;
    public DateTime LastWalk;
}

/// <summary>
/// Monthly leaderboard for the dog walking service. Registered as a singleton; the walk
/// tracker API calls <see cref="RecordWalk"/> whenever a walker ends a walk in the app.
/// </summary>
public sealed class WalkerLeaderboard
{
    private readonly ConcurrentDictionary<string, WalkerStats> _stats = new(StringComparer.Ordinal);

    public void RecordWalk(string walkerId, double kilometres, DateTime finishedAt)
    {
        _stats.AddOrUpdate(
            walkerId,
            _ => new WalkerStats { Walks = 1, Kilometres = kilometres, LastWalk = finishedAt },
            (_, existing) =>
            {
                existing.Walks++;
                existing.Kilometres += kilometres;
                if (finishedAt > existing.LastWalk)
                {
                    existing.LastWalk = finishedAt;
                }

                return existing;
            });
    }

    public IReadOnlyList<(string WalkerId, int Walks, double Kilometres)> Top(int count) =>
        _stats
            .Select(kv => (kv.Key, kv.Value.Walks, kv.Value.Kilometres))
            .OrderByDescending(x => x.Walks)
            .ThenByDescending(x => x.Kilometres)
            .Take(count)
            .ToList();

    public void ResetForNewMonth() => _stats.Clear();
}

public sealed record WalkEnded(string WalkerId, string DogId, double Kilometres, DateTime FinishedAt);

public sealed class WalkTrackerController
{
    private readonly WalkerLeaderboard _leaderboard;

    public WalkTrackerController(WalkerLeaderboard leaderboard) => _leaderboard = leaderboard;

    public Task<int> EndWalkAsync(WalkEnded walk)
    {
        if (walk.Kilometres < 0 || walk.Kilometres > 50)
        {
            return Task.FromResult(400);
        }

        _leaderboard.RecordWalk(walk.WalkerId, walk.Kilometres, walk.FinishedAt);
        return Task.FromResult(204);
    }

    public async Task ReplayAsync(IEnumerable<WalkEnded> walks, CancellationToken ct)
    {
        await Parallel.ForEachAsync(walks, ct, async (walk, _) => await EndWalkAsync(walk));
    }
}
