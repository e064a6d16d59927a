using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind22.JazzFestival.Rosters;

public sealed record StageSlot(string Stage, string Act, TimeOnly Start, TimeOnly End);

/// <summary>
/// In-memory roster for the festival weekend. Registered as a singleton; stage managers
/// add and drop slots from their phones while the public schedule page reads it.
/// </summary>
public sealed class StageRoster
{
    private ImmutableList<StageSlot> _slots = ImmutableList<StageSlot>.Empty;

    public IReadOnlyList<StageSlot> Snapshot() => Volatile.Read(ref _slots);

    public bool TryBook(StageSlot slot)
    {
        var current = _slots;
        var clash = current.Any(s => s.Stage == slot.Stage && s.Start < slot.End && slot.Start < s.End);
        if (clash)
        {
            return false;
        }
        _slots = current.Add(slot);
        return true;
    }

    public void Drop(string stage, string act)
    {
        ImmutableInterlocked.Update(ref _slots, list => list.RemoveAll(s => s.Stage == stage && s.Act == act));
    }

    public IEnumerable<StageSlot> ForStage(string stage)
        => Snapshot().Where(s => s.Stage == stage).OrderBy(s => s.Start);
}

public static class RosterApi
{
    public static void MapRoster(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/roster");

        group.MapGet("/{stage}", (string stage, StageRoster roster) => roster.ForStage(stage));

        group.MapPost("/", (StageSlot slot, StageRoster roster) =>
            roster.TryBook(slot) ? Results.Created($"/roster/{slot.Stage}", slot) : Results.Conflict());

        group.MapDelete("/{stage}/{act}", (string stage, string act, StageRoster roster) =>
        {
            roster.Drop(stage, act);
            return Results.NoContent();
        });
    }
}
