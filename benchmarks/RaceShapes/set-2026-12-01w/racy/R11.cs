using Microsoft.Extensions.Logging;

namespace GreenRoof.Hydroponics.Trays;

public sealed class TrayState
{
    public required string TrayId { get; init; }
    public double NutrientPpm { get; set; }
    public double WaterLevelCm { get; set; }
    public int HeadsPlanted { get; set; }
}

/// <summary>
/// In-memory state of the lettuce trays in the greenhouse. Registered as a singleton and
/// used by the sensor endpoints, the dosing worker and the harvest screen.
/// </summary>
public sealed class TrayStateStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TrayState> _trays = new();
    private readonly ILogger<TrayStateStore> _logger;

    public TrayStateStore(ILogger<TrayStateStore> logger)
    {
        _logger = logger;
    }

    public async Task UpdateSensorsAsync(string trayId, double ppm, double levelCm, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_trays.TryGetValue(trayId, out var tray))
            {
                tray = new TrayState { TrayId = trayId };
                _trays.Add(trayId, tray);
            }
            tray.NutrientPpm = ppm;
            tray.WaterLevelCm = levelCm;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> TraysNeedingDoseAsync(double minPpm, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return _trays.Values.Where(t => t.NutrientPpm < minPpm).Select(t => t.TrayId).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Called from the harvest screen when a tray has been cut and is being cleaned.</summary>
    public void MarkHarvested(string trayId)
    {
        if (_trays.Remove(trayId))
        {
            _logger.LogInformation("Tray {TrayId} harvested and removed from monitoring", trayId);
        }
    }
}
