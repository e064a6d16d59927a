using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind22.JazzFestival.Lineup;

public sealed record Set(string Stage, string Band, TimeOnly Start, TimeOnly End);

/// <summary>
/// Festival lineup shared by all requests. The backstage coordinators edit it live while
/// the festival app polls it.
/// </summary>
public sealed class FestivalLineup
{
    private ImmutableDictionary<string, ImmutableList<Set>> _byStage =
        ImmutableDictionary<string, ImmutableList<Set>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Set> ForStage(string stage)
        => Volatile.Read(ref _byStage).TryGetValue(stage, out var sets) ? sets : ImmutableList<Set>.Empty;

    public bool TryAdd(Set set)
    {
        var added = false;
        ImmutableInterlocked.Update(ref _byStage, current =>
        {
            var sets = current.GetValueOrDefault(set.Stage, ImmutableList<Set>.Empty);
            if (sets.Any(s => s.Start < set.End && set.Start < s.End))
            {
                added = false;
                return current;
            }
            added = true;
            return current.SetItem(set.Stage, sets.Add(set).Sort((a, b) => a.Start.CompareTo(b.Start)));
        });
        return added;
    }

    public void Remove(string stage, string band)
    {
        ImmutableInterlocked.Update(ref _byStage, current =>
            current.TryGetValue(stage, out var sets)
                ? current.SetItem(stage, sets.RemoveAll(s => s.Band == band))
                : current);
    }

    public int TotalSets() => Volatile.Read(ref _byStage).Values.Sum(s => s.Count);
}

public static class LineupEndpoints
{
    public static void MapLineup(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lineup/{stage}", (string stage, FestivalLineup lineup) => lineup.ForStage(stage));

        app.MapPut("/lineup", (Set set, FestivalLineup lineup) =>
            lineup.TryAdd(set) ? Results.Ok() : Results.Conflict("Overlaps an existing set."));

        app.MapDelete("/lineup/{stage}/{band}", (string stage, string band, FestivalLineup lineup) =>
        {
            lineup.Remove(stage, band);
            return Results.NoContent();
        });
    }
}
