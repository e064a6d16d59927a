using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind30.Greenhouse;

public sealed record VentWindow(string Name, TimeOnly From, TimeOnly To, int OpeningPercent)
{
    public bool Contains(TimeOnly time) => From <= To ? time >= From && time < To : time >= From || time < To;
}

public interface IVentActuator
{
    Task SetOpeningAsync(int percent, CancellationToken ct);
}

/// <summary>
/// Opens and closes the glasshouse roof vents according to the configured windows.
/// Registered as a singleton and as a hosted service; the settings API calls
/// <see cref="AddWindow"/> and <see cref="RemoveWindow"/> while the service runs.
/// </summary>
public sealed class VentScheduleService : BackgroundService
{
    private readonly object _gate = new();
    private readonly List<VentWindow> _windows = new();
    private readonly IVentActuator _actuator;
    private readonly ILogger<VentScheduleService> _logger;

    public VentScheduleService(IVentActuator actuator, ILogger<VentScheduleService> logger)
    {
        _actuator = actuator;
        _logger = logger;
    }

    public void AddWindow(VentWindow window)
    {
        lock (_gate)
        {
            _windows.RemoveAll(w => w.Name == window.Name);
            _windows.Add(window);
        }
    }

    public bool RemoveWindow(string name)
    {
        lock (_gate)
        {
            return _windows.RemoveAll(w => w.Name == name) > 0;
        }
    }

    public IReadOnlyList<VentWindow> Windows
    {
        get
        {
            lock (_gate)
            {
                return _windows.ToList();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        int lastOpening = -1;

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = TimeOnly.FromDateTime(DateTime.Now);
            int opening = 0;

            foreach (var window in _windows)
            {
                if (window.Contains(now))
                {
                    opening = Math.Max(opening, window.OpeningPercent);
                }
            }

            if (opening != lastOpening)
            {
                _logger.LogInformation("Setting roof vents to {Opening}%", opening);
                await _actuator.SetOpeningAsync(opening, stoppingToken);
                lastOpening = opening;
            }
        }
    }
}
