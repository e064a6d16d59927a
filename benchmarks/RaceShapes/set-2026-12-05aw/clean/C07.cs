using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CraneRentals.Fleet;

public sealed record LoadChart(string CraneId, double MaxTonnes, DateTime InspectedUtc);

public interface ILoadChartClient
{
    Task<LoadChart> GetChartAsync(string craneId, CancellationToken ct);
}

/// <summary>
/// Assigns cranes to lifting jobs. Registered as a singleton and used concurrently by the
/// job-booking endpoints.
/// </summary>
public sealed class CraneAssignmentService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _assignedToJob = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILoadChartClient _charts;

    public CraneAssignmentService(ILoadChartClient charts)
    {
        _charts = charts;
    }

    public async Task<bool> TryAssignAsync(string craneId, string jobId, double liftTonnes, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_assignedToJob.ContainsKey(craneId))
            {
                return false;
            }

            // Check the crane can handle the lift.
            var chart = await _charts.GetChartAsync(craneId, ct).ConfigureAwait(false);
            if (chart.MaxTonnes < liftTonnes)
            {
                return false;
            }

            _assignedToJob[craneId] = jobId;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> UnassignAsync(string craneId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _assignedToJob.Remove(craneId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> SnapshotAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return new Dictionary<string, string>(_assignedToJob, StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            _gate.Release();
        }
    }
}

public static class AssignmentEndpoints
{
    public static IEndpointRouteBuilder MapCraneAssignments(this IEndpointRouteBuilder app)
    {
        app.MapPost("/jobs/{jobId}/cranes/{craneId}", async (string jobId, string craneId, double tonnes,
            CraneAssignmentService svc, CancellationToken ct) =>
            await svc.TryAssignAsync(craneId, jobId, tonnes, ct) ? Results.Ok() : Results.Conflict());

        app.MapDelete("/cranes/{craneId}/assignment", async (string craneId, CraneAssignmentService svc,
            CancellationToken ct) =>
            await svc.UnassignAsync(craneId, ct) ? Results.NoContent() : Results.NotFound());

        app.MapGet("/cranes/assignments", (CraneAssignmentService svc, CancellationToken ct) => svc.SnapshotAsync(ct));
        return app;
    }
}
