using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind22.Curling.Bonspiel;

public sealed record StoneCount(string DrawId, string Team, int End, int Points);

public sealed record DrawStanding(string Team, int Points, int EndsWon);

/// <summary>
/// Standings for the current bonspiel draw. Registered as a singleton and fed by the
/// scorekeepers' tablets on every sheet.
/// </summary>
public sealed class DrawStandings
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (int Points, int EndsWon)> _byTeam = new(StringComparer.OrdinalIgnoreCase);
    private int _version;

    public int Version
    {
        get { lock (_gate) { return _version; } }
    }

    public void Record(StoneCount count)
    {
        lock (_gate)
        {
            _byTeam.TryGetValue(count.Team, out var current);
            _byTeam[count.Team] = (current.Points + count.Points, current.EndsWon + (count.Points > 0 ? 1 : 0));
            _version++;
        }
    }

    public IReadOnlyList<DrawStanding> Table()
    {
        KeyValuePair<string, (int Points, int EndsWon)>[] rows;
        lock (_gate)
        {
            rows = _byTeam.ToArray();
        }

        return rows
            .Select(r => new DrawStanding(r.Key, r.Value.Points, r.Value.EndsWon))
            .OrderByDescending(s => s.Points)
            .ThenByDescending(s => s.EndsWon)
            .ToList();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byTeam.Clear();
            _version++;
        }
    }
}

public static class StandingsEndpoints
{
    public static void MapStandings(this IEndpointRouteBuilder app)
    {
        app.MapPost("/draw/{drawId}/ends", (string drawId, StoneCount count, DrawStandings standings) =>
        {
            standings.Record(count with { DrawId = drawId });
            return Results.NoContent();
        });

        app.MapGet("/draw/standings", (DrawStandings standings) =>
            Results.Ok(new { version = standings.Version, table = standings.Table() }));

        app.MapDelete("/draw/standings", (DrawStandings standings) =>
        {
            standings.Clear();
            return Results.NoContent();
        });
    }
}
