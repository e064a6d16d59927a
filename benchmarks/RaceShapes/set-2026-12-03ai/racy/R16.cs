namespace Blind35.PigeonRacing.Results;

public sealed record RaceEntry(string RingNumber, string LoftId, double DistanceMetres);

public sealed record Race(string Id, DateTime LiberatedAt, IReadOnlyList<RaceEntry> Entries);

public sealed record Velocity(string RingNumber, double MetresPerMinute);

public sealed record RaceResult(string RaceId, IReadOnlyList<Velocity> Placings, IReadOnlyList<string> Audit);

public interface IClockStationClient
{
    Task<DateTime?> ReadArrivalAsync(string loftId, string ringNumber, CancellationToken ct);
}

/// <summary>
/// Ambient audit trail for a result calculation, so that helpers deep in the call chain
/// can note what they did without passing a logger around.
/// </summary>
public static class ClockingAudit
{
    private static readonly AsyncLocal<List<string>?> Trail = new();

    public static void Begin() => Trail.Value = new List<string>();

    public static void Note(string message) => Trail.Value?.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");

    public static IReadOnlyList<string> Current => Trail.Value?.ToArray() ?? Array.Empty<string>();
}

/// <summary>Computes velocities for a race once all loft clocks have been collected.</summary>
public sealed class RaceResultCalculator
{
    private readonly IClockStationClient _clocks;

    public RaceResultCalculator(IClockStationClient clocks) => _clocks = clocks;

    public async Task<RaceResult> CalculateAsync(Race race, CancellationToken ct)
    {
        ClockingAudit.Begin();
        ClockingAudit.Note($"race {race.Id} liberated {race.LiberatedAt:O}");

        var velocities = await Task.WhenAll(race.Entries.Select(e => ComputeVelocityAsync(race, e, ct)));

        var placings = velocities
            .Where(v => v is not null)
            .Select(v => v!)
            .OrderByDescending(v => v.MetresPerMinute)
            .ToList();

        ClockingAudit.Note($"{placings.Count} of {race.Entries.Count} birds clocked");
        return new RaceResult(race.Id, placings, ClockingAudit.Current);
    }

    private async Task<Velocity?> ComputeVelocityAsync(Race race, RaceEntry entry, CancellationToken ct)
    {
        var arrival = await _clocks.ReadArrivalAsync(entry.LoftId, entry.RingNumber, ct);
        if (arrival is null)
        {
            ClockingAudit.Note($"{entry.RingNumber}: not clocked");
            return null;
        }

        var minutes = (arrival.Value - race.LiberatedAt).TotalMinutes;
        ClockingAudit.Note($"{entry.RingNumber}: {minutes:F1} min over {entry.DistanceMetres:F0} m");
        return new Velocity(entry.RingNumber, entry.DistanceMetres / minutes);
    }
}
