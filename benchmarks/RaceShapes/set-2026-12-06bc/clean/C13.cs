using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind55.Clean.C13;

public sealed record WalkerStats(int Walks, double Kilometres, DateTime LastWalk)
{
    public WalkerStats Add(double kilometres, DateTime finishedAt) =>
        new(Walks + 1, Kilometres + kilometres, finishedAt > LastWalk ? finishedAt : LastWalk);
}

/// <summary>
/// Monthly leaderboard for the dog walking service. Registered as a singleton; the walk tracker
/// endpoint records a walk every time a walker finishes one in the app.
/// </summary>
public sealed class WalkerLeaderboard
{
    private readonly ConcurrentDictionary<string, WalkerStats> _stats = new(StringComparer.Ordinal);

    public WalkerStats RecordWalk(string walkerId, double kilometres, DateTime finishedAt) =>
        _stats.AddOrUpdate(
            walkerId,
            static (_, arg) => new WalkerStats(1, arg.kilometres, arg.finishedAt),
            static (_, existing, arg) => existing.Add(arg.kilometres, arg.finishedAt),
            (kilometres, finishedAt));

    public IReadOnlyList<(string WalkerId, WalkerStats Stats)> Top(int count) =>
        _stats
            .Select(kv => (kv.Key, kv.Value))
            .OrderByDescending(x => x.Value.Walks)
            .ThenByDescending(x => x.Value.Kilometres)
            .Take(count)
            .ToList();

    public void ResetForNewMonth() => _stats.Clear();
}

public sealed record WalkEnded(string WalkerId, string DogId, double Kilometres, DateTime FinishedAt);

public static class WalkTrackerEndpoints
{
    public static void MapWalkTracker(this IEndpointRouteBuilder app)
    {
        app.MapPost("/walks/ended", (WalkEnded walk, WalkerLeaderboard leaderboard) =>
        {
            if (walk.Kilometres < 0 || walk.Kilometres > 50)
            {
                return Results.BadRequest();
            }

            var stats = leaderboard.RecordWalk(walk.WalkerId, walk.Kilometres, walk.FinishedAt);
            return Results.Ok(stats);
        });

        app.MapGet("/walks/leaderboard", (WalkerLeaderboard leaderboard) =>
            Results.Ok(leaderboard.Top(10).Select(x => new { x.WalkerId, x.Stats.Walks, x.Stats.Kilometres })));
    }
}
