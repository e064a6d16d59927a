namespace Brewhouse.Cellar;

public sealed class PressureAlarmEventArgs : EventArgs
{
    public PressureAlarmEventArgs(string tankId, double bar) { TankId = tankId; Bar = bar; }
    public string TankId { get; }
    public double Bar { get; }
}

/// <summary>
/// Bright-tank and fermenter pressure transducers. <see cref="AlarmRaised"/> fires on
/// the polling thread of whichever transducer tripped.
/// </summary>
public interface IPressureMonitor
{
    event EventHandler<PressureAlarmEventArgs> AlarmRaised;
}

public interface ISpundingValve
{
    Task VentAsync(string tankId, double targetBar, CancellationToken ct);
}

/// <summary>
/// Vents over-pressure tanks via the spunding valves and keeps the list of tanks being
/// vented for the cellar tablet.
/// </summary>
public sealed class OverPressureResponder
{
    private readonly object _sync = new();
    private readonly HashSet<string> _venting = new(StringComparer.OrdinalIgnoreCase);
    private readonly ISpundingValve _valve;
    private readonly double _targetBar;
    private readonly Action<string> _log;

    public OverPressureResponder(IPressureMonitor monitor, ISpundingValve valve, double targetBar, Action<string> log)
    {
        _valve = valve;
        _targetBar = targetBar;
        _log = log;
        monitor.AlarmRaised += OnAlarm;
    }

    public IReadOnlyCollection<string> Venting
    {
        get { lock (_sync) return _venting.ToArray(); }
    }

    private async void OnAlarm(object? sender, PressureAlarmEventArgs e)
    {
        lock (_sync)
        {
            // Already being handled by an earlier alarm for the same tank.
            if (!_venting.Add(e.TankId))
                return;
        }

        try
        {
            await _valve.VentAsync(e.TankId, _targetBar, CancellationToken.None).ConfigureAwait(false);
            _log($"{e.TankId} vented from {e.Bar:F2} bar");
        }
        catch (Exception ex)
        {
            _log($"Venting {e.TankId} failed: {ex.Message}");
        }
        finally
        {
            lock (_sync)
            {
                _venting.Remove(e.TankId);
            }
        }
    }
}
