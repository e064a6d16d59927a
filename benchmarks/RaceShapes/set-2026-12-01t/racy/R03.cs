using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Municipal.ParkingPermits;

public sealed record ParkingPermit(string Plate, string Zone, DateOnly ValidFrom, DateOnly ValidTo);

public sealed record PermitRequest(string Plate, string Zone, int Months);

/// <summary>
/// In-memory permit store used by the permits API. Registered as a singleton.
/// </summary>
public sealed class PermitStore
{
    private readonly ConcurrentDictionary<string, List<ParkingPermit>> _byZone = new(StringComparer.OrdinalIgnoreCase);

    public ParkingPermit Issue(PermitRequest request)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var permit = new ParkingPermit(request.Plate.ToUpperInvariant(), request.Zone, today, today.AddMonths(request.Months));
        var zonePermits = _byZone.GetOrAdd(request.Zone, _ => new List<ParkingPermit>());
        zonePermits.Add(permit);
        return permit;
    }

    public int CountActive(string zone)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (!_byZone.TryGetValue(zone, out var permits))
        {
            return 0;
        }
        return permits.Count(p => p.ValidTo >= today);
    }

    public IEnumerable<string> Zones() => _byZone.Keys.ToArray();
}

public static class PermitEndpoints
{
    public static IServiceCollection AddPermits(this IServiceCollection services) =>
        services.AddSingleton<PermitStore>();

    public static IEndpointRouteBuilder MapPermits(this IEndpointRouteBuilder app)
    {
        app.MapPost("/permits", (PermitRequest request, PermitStore store) =>
        {
            if (string.IsNullOrWhiteSpace(request.Plate) || request.Months is < 1 or > 12)
            {
                return Results.BadRequest();
            }
            var permit = store.Issue(request);
            return Results.Created($"/permits/{permit.Zone}/{permit.Plate}", permit);
        });

        app.MapGet("/zones/{zone}/active", (string zone, PermitStore store) =>
            Results.Ok(new { zone, active = store.CountActive(zone) }));

        app.MapGet("/zones", (PermitStore store) => Results.Ok(store.Zones()));

        return app;
    }
}
