namespace Brewhouse.Fermentation;

public sealed class TemperatureAlarmEventArgs : EventArgs
{
    public TemperatureAlarmEventArgs(string fermenterId, double celsius, double setpoint)
    {
        FermenterId = fermenterId;
        Celsius = celsius;
        Setpoint = setpoint;
    }

    public string FermenterId { get; }
    public double Celsius { get; }
    public double Setpoint { get; }
}

/// <summary>
/// Aggregates the probes of all fermenters. Each probe is polled on its own thread and
/// <see cref="AlarmRaised"/> is raised from that thread.
/// </summary>
public interface IFermenterProbeHub
{
    event EventHandler<TemperatureAlarmEventArgs> AlarmRaised;
}

public interface IGlycolValve
{
    Task OpenAsync(string fermenterId, CancellationToken ct);
}

public interface IBrewerPager
{
    Task PageAsync(string message);
}

/// <summary>
/// Opens the glycol jacket when a fermenter runs hot and pages the brewer on duty.
/// The brewhouse tablet shows <see cref="ActiveCooling"/>.
/// </summary>
public sealed class FermenterAlarmResponder
{
    private readonly HashSet<string> _coolingActive = new(StringComparer.OrdinalIgnoreCase);
    private readonly IGlycolValve _valve;
    private readonly IBrewerPager _pager;
    private readonly Action<string> _log;

    public FermenterAlarmResponder(IFermenterProbeHub hub, IGlycolValve valve, IBrewerPager pager, Action<string> log)
    {
        _valve = valve;
        _pager = pager;
        _log = log;
        hub.AlarmRaised += OnAlarmRaised;
    }

    public IReadOnlyCollection<string> ActiveCooling
    {
        get { lock (_coolingActive) return _coolingActive.ToArray(); }
    }

    private async void OnAlarmRaised(object? sender, TemperatureAlarmEventArgs e)
    {
        try
        {
            // Half a degree of overshoot is normal during high krausen.
            if (e.Celsius <= e.Setpoint + 0.5)
                return;

            await _valve.OpenAsync(e.FermenterId, CancellationToken.None).ConfigureAwait(false);
            _coolingActive.Add(e.FermenterId);

            await _pager.PageAsync($"{e.FermenterId} at {e.Celsius:F1} °C (setpoint {e.Setpoint:F1}), glycol opened")
                .ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log($"Alarm handling for {e.FermenterId} failed: {ex.Message}");
        }
    }

    public void CoolingConfirmed(string fermenterId)
    {
        lock (_coolingActive)
        {
            _coolingActive.Remove(fermenterId);
        }
    }
}
