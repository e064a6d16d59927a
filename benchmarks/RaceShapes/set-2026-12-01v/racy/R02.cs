using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blind22.Curling.Scoreboard;

public sealed record EndResult(string SheetId, string Team, int End, int Stones);

/// <summary>
/// Keeps running totals for every sheet in the club. Registered as a singleton and
/// updated by the ice-side tablets through the scoring endpoints.
/// </summary>
public sealed class SheetScoreboard
{
    private readonly Dictionary<(string Sheet, string Team), int> _totals = new();
    private readonly Dictionary<string, int> _lastEnd = new();
    private readonly object _endsLock = new();

    public void RecordEnd(EndResult result)
    {
        var key = (result.SheetId, result.Team);
        _totals.TryGetValue(key, out var current);
        _totals[key] = current + result.Stones;

        lock (_endsLock)
        {
            if (!_lastEnd.TryGetValue(result.SheetId, out var last) || result.End > last)
            {
                _lastEnd[result.SheetId] = result.End;
            }
        }
    }

    public int LastEnd(string sheetId)
    {
        lock (_endsLock)
        {
            return _lastEnd.TryGetValue(sheetId, out var end) ? end : 0;
        }
    }
}

public static class ScoringEndpoints
{
    public static IServiceCollection AddCurlingScoring(this IServiceCollection services)
        => services.AddSingleton<SheetScoreboard>();

    public static IEndpointRouteBuilder MapCurlingScoring(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sheets/{sheetId}/ends", (string sheetId, EndResult body, SheetScoreboard board) =>
        {
            if (body.Stones is < 0 or > 8)
            {
                return Results.BadRequest("A team can score between 0 and 8 stones in an end.");
            }
            board.RecordEnd(body with { SheetId = sheetId });
            return Results.Accepted();
        });

        app.MapGet("/sheets/{sheetId}/end", (string sheetId, SheetScoreboard board)
            => Results.Ok(new { sheetId, end = board.LastEnd(sheetId) }));

        return app;
    }
}
