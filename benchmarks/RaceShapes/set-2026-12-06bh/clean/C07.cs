using System.ComponentModel;

namespace Blind60.ReptileRescue.Vivariums;

public sealed record ProbeReading(string Vivarium, double BaskingCelsius, double HumidityPercent, DateTime TakenUtc);

/// <summary>
/// Polls a USB temperature/humidity probe on a background thread and raises
/// <see cref="Reading"/> for every sample.
/// </summary>
public sealed class VivariumProbe
{
    private readonly string _vivarium;
    private readonly Func<(double Temp, double Humidity)> _sample;

    public VivariumProbe(string vivarium, Func<(double, double)> sample)
    {
        _vivarium = vivarium;
        _sample = sample;
    }

    public event EventHandler<ProbeReading>? Reading;

    public Task RunAsync(TimeSpan interval, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            var (t, h) = _sample();
            Reading?.Invoke(this, new ProbeReading(_vivarium, t, h, DateTime.UtcNow));
            try { await Task.Delay(interval, ct); } catch (OperationCanceledException) { break; }
        }
    }, ct);
}

/// <summary>
/// View-model behind the rescue centre's wall display. Several probes feed it; the
/// display refreshes by reading <see cref="Snapshot"/>.
/// </summary>
public sealed class VivariumDashboardViewModel : INotifyPropertyChanged
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ProbeReading> _latest = new();
    private readonly List<string> _alerts = new();

    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>Subscribes to every probe, then starts them polling.</summary>
    public Task StartAsync(IEnumerable<VivariumProbe> probes, TimeSpan interval, CancellationToken ct)
    {
        var running = new List<Task>();
        foreach (var probe in probes)
        {
            probe.Reading += OnReading;
            running.Add(probe.RunAsync(interval, ct));
        }
        return Task.WhenAll(running);
    }

    private void OnReading(object? sender, ProbeReading reading)
    {
        lock (_gate)
        {
            _latest[reading.Vivarium] = reading;
            if (reading.BaskingCelsius > 40 || reading.BaskingCelsius < 22)
            {
                _alerts.Add($"{reading.TakenUtc:HH:mm} {reading.Vivarium}: {reading.BaskingCelsius:F1} °C");
                if (_alerts.Count > 20)
                {
                    _alerts.RemoveAt(0);
                }
            }
        }

        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(Snapshot)));
    }

    public (IReadOnlyList<ProbeReading> Latest, IReadOnlyList<string> Alerts) Snapshot
    {
        get
        {
            lock (_gate)
            {
                return (_latest.Values.OrderBy(r => r.Vivarium).ToArray(), _alerts.ToArray());
            }
        }
    }
}
