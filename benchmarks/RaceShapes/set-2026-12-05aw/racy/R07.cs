using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CraneRentals.Reservations;

public sealed record InspectionCertificate(string CraneId, DateTime ExpiresUtc);

public interface ICraneInspectionClient
{
    Task<InspectionCertificate> GetCertificateAsync(string craneId, CancellationToken ct);
}

/// <summary>
/// Keeps track of which cranes are out on hire. Registered as a singleton and called
/// from the reservation endpoints.
/// </summary>
public sealed class CraneReservationService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _reserved = new(StringComparer.OrdinalIgnoreCase);
    private readonly ICraneInspectionClient _inspections;

    public CraneReservationService(ICraneInspectionClient inspections)
    {
        _inspections = inspections;
    }

    public async Task<bool> TryReserveAsync(string craneId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_reserved.Contains(craneId))
            {
                return false;
            }
        }
        finally
        {
            _gate.Release();
        }

        // The inspection certificate must still be valid on the day of hire.
        var cert = await _inspections.GetCertificateAsync(craneId, ct).ConfigureAwait(false);
        if (cert.ExpiresUtc < DateTime.UtcNow.AddDays(1))
        {
            return false;
        }

        _reserved.Add(craneId);
        return true;
    }

    public async Task ReleaseAsync(string craneId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _reserved.Remove(craneId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> ListReservedAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _reserved.OrderBy(id => id).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }
}

public static class ReservationEndpoints
{
    public static IEndpointRouteBuilder MapCraneReservations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/cranes/{id}/reserve", async (string id, CraneReservationService svc, CancellationToken ct) =>
            await svc.TryReserveAsync(id, ct) ? Results.Ok() : Results.Conflict());

        app.MapDelete("/cranes/{id}/reserve", async (string id, CraneReservationService svc, CancellationToken ct) =>
        {
            await svc.ReleaseAsync(id, ct);
            return Results.NoContent();
        });

        app.MapGet("/cranes/reserved", (CraneReservationService svc, CancellationToken ct) => svc.ListReservedAsync(ct));
        return app;
    }
}
