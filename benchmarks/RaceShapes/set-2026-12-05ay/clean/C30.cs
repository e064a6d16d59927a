namespace Blind51.ObservatoryDomes.Weather;

public sealed record DomeWeather(string Station, double WindKmh, double HumidityPercent, bool Rain);

public interface IWeatherStation
{
    string Name { get; }
    Task<DomeWeather> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Decides whether the observatory dome may open by asking several weather stations at
/// once and taking the first good answer.
/// </summary>
public sealed class DomeOpeningAdvisor
{
    private readonly IReadOnlyList<IWeatherStation> _stations;
    private readonly TimeSpan _timeout;

    public DomeOpeningAdvisor(IReadOnlyList<IWeatherStation> stations, TimeSpan timeout)
    {
        _stations = stations;
        _timeout = timeout;
    }

    public async Task<(bool MayOpen, string Reason)> DecideAsync(CancellationToken cancellationToken)
    {
        using var decision = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        decision.CancelAfter(_timeout);

        var pending = _stations.Select(s => s.ReadAsync(decision.Token)).ToList();
        var all = pending.ToList();
        DomeWeather? reading = null;

        try
        {
            while (pending.Count > 0 && reading is null)
            {
                var finished = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(finished);
                if (finished.IsCompletedSuccessfully)
                    reading = finished.Result;
            }
        }
        finally
        {
            decision.Cancel();
            try
            {
                await Task.WhenAll(all).ConfigureAwait(false);
            }
            catch
            {
                // Slower stations were cancelled or failed; their outcome no longer matters.
            }
        }

        if (reading is null)
            return (false, cancellationToken.IsCancellationRequested ? "cancelled" : "no station answered in time");

        if (reading.Rain) return (false, $"rain reported by {reading.Station}");
        if (reading.WindKmh > 35) return (false, $"wind {reading.WindKmh:F0} km/h at {reading.Station}");
        if (reading.HumidityPercent > 85) return (false, $"humidity {reading.HumidityPercent:F0}% at {reading.Station}");
        return (true, $"clear per {reading.Station}");
    }
}

/// <summary>
/// Asks the advisor every few minutes during the night and drives the dome shutter.
/// </summary>
public sealed class DomeShutterLoop
{
    private readonly DomeOpeningAdvisor _advisor;
    private readonly Action<bool, string> _setShutter;

    public DomeShutterLoop(DomeOpeningAdvisor advisor, Action<bool, string> setShutter)
    {
        _advisor = advisor;
        _setShutter = setShutter;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(3));
        do
        {
            var (mayOpen, reason) = await _advisor.DecideAsync(cancellationToken).ConfigureAwait(false);
            _setShutter(mayOpen, reason);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
