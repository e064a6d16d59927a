using Microsoft.Extensions.Logging;

namespace Aquarium.WaterQuality;

public sealed class ProbeReadingEventArgs : EventArgs
{
    public ProbeReadingEventArgs(string tankId, double ph, double ammoniaPpm)
    {
        TankId = tankId;
        Ph = ph;
        AmmoniaPpm = ammoniaPpm;
    }

    public string TankId { get; }
    public double Ph { get; }
    public double AmmoniaPpm { get; }
}

/// <summary>
/// Vendor probe hub; raises <see cref="ReadingReceived"/> on its own I/O threads.
/// </summary>
public interface IProbeHub
{
    event EventHandler<ProbeReadingEventArgs> ReadingReceived;
}

public interface IDosingPump
{
    Task DoseBufferAsync(string tankId, double millilitres);
}

/// <summary>
/// Doses pH buffer when a tank drifts acidic. Readings arrive from the
/// probe hub's I/O threads.
/// </summary>
public sealed class PhBufferDoser
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IDosingPump _pump;
    private readonly ILogger _logger;
    private readonly Dictionary<string, DateTime> _lastDose = new();
    private double _bufferUsedMl;

    public PhBufferDoser(IProbeHub hub, IDosingPump pump, ILogger logger)
    {
        _pump = pump;
        _logger = logger;
        hub.ReadingReceived += OnReadingReceived;
    }

    private async void OnReadingReceived(object? sender, ProbeReadingEventArgs e)
    {
        try
        {
            if (e.Ph >= 7.9)
            {
                return;
            }

            await _gate.WaitAsync();
            try
            {
                var now = DateTime.UtcNow;
                if (_lastDose.TryGetValue(e.TankId, out var last) && now - last < TimeSpan.FromMinutes(20))
                {
                    return;
                }

                var ml = Math.Round((8.1 - e.Ph) * 40, 1);
                await _pump.DoseBufferAsync(e.TankId, ml);
                _lastDose[e.TankId] = now;
                _bufferUsedMl += ml;
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Dosing failed for {Tank}", e.TankId);
        }
    }

    public async Task<double> BufferUsedAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _bufferUsedMl;
        }
        finally
        {
            _gate.Release();
        }
    }
}
