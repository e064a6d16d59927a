using System.Collections.Immutable;

namespace Gambit.Tournament.Ratings;

public sealed record PlayerRating(string FideId, string Name, int Elo, int GamesPlayed);

/// <summary>
/// Live rating table for a tournament. Read on every pairing request and by the
/// spectator site; updated when results are confirmed. A single instance is shared by
/// the whole tournament server.
/// </summary>
public sealed class LiveRatingTable
{
    private ImmutableDictionary<string, PlayerRating> _ratings = ImmutableDictionary<string, PlayerRating>.Empty;

    public PlayerRating? Find(string fideId)
        => Volatile.Read(ref _ratings).TryGetValue(fideId, out var r) ? r : null;

    public IReadOnlyList<PlayerRating> Standings()
        => Volatile.Read(ref _ratings).Values.OrderByDescending(r => r.Elo).ToList();

    public void Register(PlayerRating player)
    {
        while (true)
        {
            var current = Volatile.Read(ref _ratings);
            var updated = current.SetItem(player.FideId, player);
            if (Interlocked.CompareExchange(ref _ratings, updated, current) == current)
            {
                return;
            }
        }
    }

    public void ApplyResult(string whiteId, string blackId, double whiteScore, int kFactor = 20)
    {
        while (true)
        {
            var current = Volatile.Read(ref _ratings);
            if (!current.TryGetValue(whiteId, out var white) || !current.TryGetValue(blackId, out var black))
            {
                return;
            }

            double expectedWhite = 1.0 / (1.0 + Math.Pow(10, (black.Elo - white.Elo) / 400.0));
            int delta = (int)Math.Round(kFactor * (whiteScore - expectedWhite));

            var updated = current
                .SetItem(whiteId, white with { Elo = white.Elo + delta, GamesPlayed = white.GamesPlayed + 1 })
                .SetItem(blackId, black with { Elo = black.Elo - delta, GamesPlayed = black.GamesPlayed + 1 });

            if (Interlocked.CompareExchange(ref _ratings, updated, current) == current)
            {
                return;
            }
        }
    }
}
