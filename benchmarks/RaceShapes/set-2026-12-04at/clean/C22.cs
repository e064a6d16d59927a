namespace Blind46.Lacrosse.Stats;

public sealed record PlayerLine(string PlayerId, int Goals, int Assists, int GroundBalls, int CausedTurnovers);

public interface IStatFeed
{
    string Name { get; }

    Task<IReadOnlyList<PlayerLine>> FetchAsync(string matchId, CancellationToken ct);
}

/// <summary>
/// Merges player stat lines from the league's several scorer feeds (bench scorer,
/// video review, referee app) into one box score per match.
/// </summary>
public sealed class BoxScoreMerger
{
    private readonly IReadOnlyList<IStatFeed> _feeds;

    public BoxScoreMerger(IReadOnlyList<IStatFeed> feeds) => _feeds = feeds;

    public async Task<IReadOnlyDictionary<string, PlayerLine>> MergeAsync(string matchId, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);

        var perFeed = new IReadOnlyList<PlayerLine>?[_feeds.Count];
        var fetches = new Task[_feeds.Count];
        for (int i = 0; i < _feeds.Count; i++)
        {
            int slot = i;
            fetches[slot] = Task.Run(async () =>
            {
                try
                {
                    perFeed[slot] = await _feeds[slot].FetchAsync(matchId, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                    perFeed[slot] = null;
                }
            });
        }

        await Task.WhenAll(fetches).ConfigureAwait(false);

        var merged = new Dictionary<string, PlayerLine>(StringComparer.Ordinal);
        foreach (var lines in perFeed)
        {
            if (lines is null)
                continue;

            foreach (var line in lines)
            {
                merged[line.PlayerId] = merged.TryGetValue(line.PlayerId, out var prior)
                    ? new PlayerLine(
                        line.PlayerId,
                        Math.Max(prior.Goals, line.Goals),
                        Math.Max(prior.Assists, line.Assists),
                        Math.Max(prior.GroundBalls, line.GroundBalls),
                        Math.Max(prior.CausedTurnovers, line.CausedTurnovers))
                    : line;
            }
        }

        return merged;
    }
}
