namespace Blind44.CircusTours.Routing;

public sealed record Venue(string Town, string Ground, int TentSize);

/// <summary>Per-operation breadcrumb trail so route-planning failures can be diagnosed.</summary>
public sealed class PlanningTrail
{
    public string Operation { get; }
    public List<string> Entries { get; } = new();

    public PlanningTrail(string operation) => Operation = operation;
}

/// <summary>Ambient access to the trail of the operation currently running on this async flow.</summary>
public static class TourTrace
{
    private static readonly AsyncLocal<PlanningTrail?> s_current = new();

    public static PlanningTrail Begin(string operation)
    {
        var trail = new PlanningTrail(operation);
        s_current.Value = trail;
        return trail;
    }

    public static void Note(string message)
    {
        var trail = s_current.Value;
        if (trail is null)
            return;
        trail.Entries.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");
    }
}

public interface IGroundInspector
{
    Task<bool> FitsAsync(Venue venue, CancellationToken ct);
    Task<int> ParkingForTrucksAsync(Venue venue, CancellationToken ct);
}

/// <summary>Checks every candidate venue on a leg of the tour.</summary>
public sealed class LegPlanner
{
    private readonly IGroundInspector _inspector;

    public LegPlanner(IGroundInspector inspector) => _inspector = inspector;

    public async Task<(IReadOnlyList<Venue> Usable, PlanningTrail Trail)> PlanLegAsync(
        IReadOnlyList<Venue> candidates, int trucks, CancellationToken ct)
    {
        var trail = TourTrace.Begin($"leg with {candidates.Count} venues");
        TourTrace.Note("starting venue checks");

        var checks = candidates.Select(v => CheckVenueAsync(v, trucks, ct));
        var results = await Task.WhenAll(checks);

        var usable = candidates.Where((_, i) => results[i]).ToList();
        TourTrace.Note($"{usable.Count} usable venues");
        return (usable, trail);
    }

    private async Task<bool> CheckVenueAsync(Venue venue, int trucks, CancellationToken ct)
    {
        if (!await _inspector.FitsAsync(venue, ct))
        {
            TourTrace.Note($"{venue.Town}: big top does not fit on {venue.Ground}");
            return false;
        }

        var parking = await _inspector.ParkingForTrucksAsync(venue, ct);
        if (parking < trucks)
        {
            TourTrace.Note($"{venue.Town}: only {parking} truck bays");
            return false;
        }

        TourTrace.Note($"{venue.Town}: ok");
        return true;
    }
}
