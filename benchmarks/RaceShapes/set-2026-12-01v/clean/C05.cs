using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind22.Balloons.Registry;

public sealed record LaunchSlot(string SlotNumber, string Pilot, string Envelope, string Field, DateTimeOffset WindowStart);

public sealed record SlotRequest(string Pilot, string Envelope, string Field, DateTimeOffset WindowStart);

/// <summary>
/// Allocates numbered mass-ascension launch slots. Singleton shared by all requests.
/// </summary>
public sealed class LaunchSlotRegistry
{
    private readonly ConcurrentDictionary<string, LaunchSlot> _slots = new();
    private readonly ConcurrentDictionary<string, int> _perField = new();
    private readonly int _maxPerField;
    private int _counter;

    public LaunchSlotRegistry(int maxPerField) => _maxPerField = maxPerField;

    public LaunchSlot? Allocate(SlotRequest request)
    {
        var countOnField = _perField.AddOrUpdate(request.Field, 1, (_, n) => n + 1);
        if (countOnField > _maxPerField)
        {
            _perField.AddOrUpdate(request.Field, 0, (_, n) => n - 1);
            return null;
        }

        var number = Interlocked.Increment(ref _counter);
        var slot = new LaunchSlot($"MA-{number:D4}", request.Pilot, request.Envelope, request.Field, request.WindowStart);
        _slots[slot.SlotNumber] = slot;
        return slot;
    }

    public bool Cancel(string slotNumber)
    {
        if (!_slots.TryRemove(slotNumber, out var slot))
        {
            return false;
        }
        _perField.AddOrUpdate(slot.Field, 0, (_, n) => n - 1);
        return true;
    }

    public int Issued => Volatile.Read(ref _counter);
}

public static class LaunchSlotApi
{
    public static void MapLaunchSlots(this IEndpointRouteBuilder app)
    {
        app.MapPost("/slots", (SlotRequest req, LaunchSlotRegistry registry) =>
            registry.Allocate(req) is { } slot
                ? Results.Created($"/slots/{slot.SlotNumber}", slot)
                : Results.Problem("Launch field is full.", statusCode: StatusCodes.Status409Conflict));

        app.MapDelete("/slots/{number}", (string number, LaunchSlotRegistry registry) =>
            registry.Cancel(number) ? Results.NoContent() : Results.NotFound());

        app.MapGet("/slots/count", (LaunchSlotRegistry registry) => Results.Ok(registry.Issued));
    }
}
