namespace Blind37.Falconry.Weathering;

public sealed record PerchReading(string Bird, double AirTemperatureC, bool Hooded, DateTime TakenUtc);

/// <summary>
/// Samples the weathering-yard sensors on a background thread and reports each reading to
/// the supplied progress sink. Handlers that subscribe to <see cref="TooHot"/> must do so
/// before <see cref="Start"/>.
/// </summary>
public sealed class WeatheringYardSampler
{
    private readonly Func<IEnumerable<PerchReading>> _readSensors;
    private readonly IProgress<PerchReading> _progress;
    private readonly double _maxTemperatureC;
    private Thread? _thread;
    private readonly ManualResetEventSlim _stop = new(false);

    public WeatheringYardSampler(Func<IEnumerable<PerchReading>> readSensors, IProgress<PerchReading> progress, double maxTemperatureC)
    {
        _readSensors = readSensors;
        _progress = progress;
        _maxTemperatureC = maxTemperatureC;
    }

    public event EventHandler<PerchReading>? TooHot;

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "weathering-yard" };
        _thread.Start();
    }

    public void Stop()
    {
        _stop.Set();
        _thread?.Join();
    }

    private void Run()
    {
        while (!_stop.Wait(TimeSpan.FromSeconds(5)))
        {
            foreach (var reading in _readSensors())
            {
                _progress.Report(reading);
                if (reading.AirTemperatureC > _maxTemperatureC)
                {
                    TooHot?.Invoke(this, reading);
                }
            }
        }
    }
}

/// <summary>
/// Keeps the readings shown on the falconer's yard screen. Readings arrive on the
/// sampler thread; the screen reads them from its own refresh loop.
/// </summary>
public sealed class YardScreenModel : IProgress<PerchReading>
{
    private readonly object _gate = new();
    private readonly Dictionary<string, PerchReading> _latestByBird = new(StringComparer.Ordinal);
    private readonly List<string> _alerts = new();

    public void Report(PerchReading value)
    {
        lock (_gate)
        {
            _latestByBird[value.Bird] = value;
        }
    }

    public void OnTooHot(object? sender, PerchReading reading)
    {
        lock (_gate)
        {
            _alerts.Add($"{reading.TakenUtc:HH:mm} {reading.Bird} at {reading.AirTemperatureC:F0} C - move to shade");
            if (_alerts.Count > 50)
            {
                _alerts.RemoveAt(0);
            }
        }
    }

    public (IReadOnlyList<PerchReading> Birds, IReadOnlyList<string> Alerts) Snapshot()
    {
        lock (_gate)
        {
            return (_latestByBird.Values.OrderBy(r => r.Bird).ToArray(), _alerts.ToArray());
        }
    }

    public static WeatheringYardSampler Wire(YardScreenModel model, Func<IEnumerable<PerchReading>> readSensors)
    {
        var sampler = new WeatheringYardSampler(readSensors, model, maxTemperatureC: 27);
        sampler.TooHot += model.OnTooHot;
        sampler.Start();
        return sampler;
    }
}
