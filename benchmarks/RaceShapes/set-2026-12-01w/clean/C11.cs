using Microsoft.Extensions.Logging;

namespace GreenRoof.Hydroponics.Dosing;

public sealed class TrayReading
{
    public required string TrayId { get; init; }
    public double NutrientPpm { get; set; }
    public double WaterLevelCm { get; set; }
}

/// <summary>
/// In-memory state of the lettuce trays. Registered as a singleton and used by the sensor
/// endpoints, the dosing worker and the harvest screen.
/// </summary>
public sealed class TrayReadingStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TrayReading> _trays = new();
    private readonly ILogger<TrayReadingStore> _logger;

    public TrayReadingStore(ILogger<TrayReadingStore> logger)
    {
        _logger = logger;
    }

    public async Task UpdateAsync(string trayId, double ppm, double levelCm, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_trays.TryGetValue(trayId, out var tray))
            {
                tray = new TrayReading { TrayId = trayId };
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

    public async Task<IReadOnlyList<string>> TraysBelowAsync(double minPpm, CancellationToken ct)
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

    /// <summary>Called from the harvest screen when a tray has been cut.</summary>
    public void MarkHarvested(string trayId)
    {
        bool removed;
        _gate.Wait();
        try
        {
            removed = _trays.Remove(trayId);
        }
        finally
        {
            _gate.Release();
        }

        if (removed)
        {
            _logger.LogInformation("Tray {TrayId} harvested", trayId);
        }
    }
}
