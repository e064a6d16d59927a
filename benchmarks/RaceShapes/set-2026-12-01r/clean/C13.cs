using Microsoft.Extensions.Logging;

namespace Planetarium.Lighting;

public sealed record CoveScene(string Name, byte Red, byte Green, byte Blue, TimeSpan Fade);

public interface ICoveLightBus
{
    Task SendAsync(CoveScene scene, CancellationToken ct);
}

/// <summary>
/// Drives the cove lighting around the dome. The show scheduler and the operator
/// console both change scenes.
/// </summary>
public sealed class CoveLightingController
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ICoveLightBus _bus;
    private readonly ILogger<CoveLightingController> _logger;
    private CoveScene? _current;
    private int _sceneChanges;

    public CoveLightingController(ICoveLightBus bus, ILogger<CoveLightingController> logger)
    {
        _bus = bus;
        _logger = logger;
    }

    public async Task ApplyAsync(CoveScene scene, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_current == scene)
            {
                return;
            }

            await _bus.SendAsync(scene, ct);
            _current = scene;
            _sceneChanges++;
            _logger.LogInformation("Cove scene {Scene}", scene.Name);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task HouseLightsAsync(CancellationToken ct)
    {
        await ApplyAsync(new CoveScene("House", 255, 240, 220, TimeSpan.FromSeconds(4)), ct);
    }

    public async Task<(string? Scene, int Changes)> StatusAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return (_current?.Name, _sceneChanges);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task BlackoutAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var dark = new CoveScene("Blackout", 0, 0, 0, TimeSpan.Zero);
            await _bus.SendAsync(dark, ct);
            _current = dark;
            _sceneChanges++;
        }
        finally
        {
            _gate.Release();
        }
    }
}
