using System.Collections.Generic;

namespace Blind65.GondolaLifts.Inspection;

/// <summary>
/// Collects breadcrumbs describing what an inspection run did, so the final
/// report can show the steps taken. The trail flows with the async context.
/// </summary>
public static class InspectionTrail
{
    private static readonly AsyncLocal<List<string>?> Current = new();

    public static IDisposable Begin()
    {
        var previous = Current.Value;
        Current.Value = new List<string>();
        return new Scope(previous);
    }

    public static void Note(string step)
    {
        Current.Value?.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {step}");
    }

    public static IReadOnlyList<string> Snapshot() => Current.Value?.ToArray() ?? Array.Empty<string>();

    private sealed class Scope : IDisposable
    {
        private readonly List<string>? _previous;
        public Scope(List<string>? previous) => _previous = previous;
        public void Dispose() => Current.Value = _previous;
    }
}

public interface ICabinSensorBus
{
    Task<double> ReadGripForceAsync(int cabin, CancellationToken token);
    Task<double> ReadDoorGapAsync(int cabin, CancellationToken token);
}

public sealed record InspectionReport(int CabinsChecked, int Failures, IReadOnlyList<string> Steps);

/// <summary>
/// Morning inspection of every cabin on the line before the lift opens.
/// </summary>
public sealed class MorningInspection
{
    private readonly ICabinSensorBus _bus;

    public MorningInspection(ICabinSensorBus bus) => _bus = bus;

    public async Task<InspectionReport> RunAsync(int cabinCount, CancellationToken token)
    {
        using var _ = InspectionTrail.Begin();
        InspectionTrail.Note($"Starting inspection of {cabinCount} cabins");

        var checks = Enumerable.Range(1, cabinCount).Select(cabin => CheckCabinAsync(cabin, token));
        var results = await Task.WhenAll(checks);

        var failures = results.Count(ok => !ok);
        InspectionTrail.Note($"Finished with {failures} failures");
        return new InspectionReport(cabinCount, failures, InspectionTrail.Snapshot());
    }

    private async Task<bool> CheckCabinAsync(int cabin, CancellationToken token)
    {
        var grip = await _bus.ReadGripForceAsync(cabin, token).ConfigureAwait(false);
        var gap = await _bus.ReadDoorGapAsync(cabin, token).ConfigureAwait(false);

        var ok = grip >= 4.2 && gap <= 3.0;
        InspectionTrail.Note($"Cabin {cabin}: grip {grip:F1} kN, door gap {gap:F1} mm, {(ok ? "pass" : "FAIL")}");
        return ok;
    }
}
