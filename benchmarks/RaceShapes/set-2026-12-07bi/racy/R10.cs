namespace Blind61.SkiLifts;

public sealed class WindAlertEventArgs : EventArgs
{
    public WindAlertEventArgs(string liftId, double gustKmh) { LiftId = liftId; GustKmh = gustKmh; }
    public string LiftId { get; }
    public double GustKmh { get; }
}

/// <summary>Anemometer network on the mountain; raises alerts from its polling threads.</summary>
public interface IAnemometerNetwork
{
    event EventHandler<WindAlertEventArgs> WindAlert;
}

public interface ILiftController
{
    Task SlowToHoldAsync(string liftId, CancellationToken ct);
    Task StopAsync(string liftId, CancellationToken ct);
}

/// <summary>
/// Responds to high-wind alerts by bringing chairlifts to a stop and keeps a count for the
/// patrol dashboard.
/// </summary>
public sealed class WindHoldCoordinator
{
    private const double StopThresholdKmh = 75;
    private readonly ILiftController _lifts;
    private int _liftsStoppedToday;

    public WindHoldCoordinator(IAnemometerNetwork network, ILiftController lifts)
    {
        _lifts = lifts;
        network.WindAlert += OnWindAlert;
    }

    public int LiftsStoppedToday => Volatile.Read(ref _liftsStoppedToday);

    private async void OnWindAlert(object? sender, WindAlertEventArgs e)
    {
        if (e.GustKmh < StopThresholdKmh)
            return;

        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _lifts.SlowToHoldAsync(e.LiftId, cts.Token);
            await _lifts.StopAsync(e.LiftId, cts.Token);
            _liftsStoppedToday++;
        }
        catch (OperationCanceledException)
        {
            // controller didn't answer in time; patrol will stop it from the hut
        }
    }

    /// <summary>Called by the dashboard at the start of each operating day.</summary>
    public int StartNewDay() => Interlocked.Exchange(ref _liftsStoppedToday, 0);
}
