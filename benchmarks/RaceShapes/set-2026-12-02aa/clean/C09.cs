namespace Blind27.BalloonFestival.Envelopes;

public readonly record struct EnvelopeTemperature(string BalloonId, DateTime TakenAt, double Celsius);

public interface IEnvelopeSensorHub
{
    Task<IReadOnlyList<EnvelopeTemperature>> PollAsync();
}

/// <summary>
/// Crew chief panel showing envelope temperatures for every tethered balloon. A
/// System.Timers.Timer polls the sensor hub every two seconds.
/// </summary>
public sealed class EnvelopeTemperaturePanel : IDisposable
{
    private const double RedLineCelsius = 120.0;

    private readonly IEnvelopeSensorHub _hub;
    private readonly System.Timers.Timer _timer = new(2000);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, EnvelopeTemperature> _latest = new();
    private readonly List<string> _alerts = new();

    public EnvelopeTemperaturePanel(IEnvelopeSensorHub hub)
    {
        _hub = hub;
        _timer.Elapsed += OnElapsed;
    }

    private readonly object _handlersLock = new();
    private EventHandler<EnvelopeTemperature>? _redLineExceeded;

    /// <summary>Raised from the timer thread when a balloon exceeds the red line.</summary>
    public event EventHandler<EnvelopeTemperature>? RedLineExceeded
    {
        add
        {
            lock (_handlersLock)
            {
                _redLineExceeded += value;
            }
        }
        remove
        {
            lock (_handlersLock)
            {
                _redLineExceeded -= value;
            }
        }
    }

    public void Start() => _timer.Start();

    private async void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        IReadOnlyList<EnvelopeTemperature> readings;
        try
        {
            readings = await _hub.PollAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            return;
        }

        var exceeded = new List<EnvelopeTemperature>();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var reading in readings)
            {
                _latest[reading.BalloonId] = reading;
                if (reading.Celsius > RedLineCelsius)
                {
                    _alerts.Add($"{reading.TakenAt:HH:mm:ss} {reading.BalloonId} {reading.Celsius:F0}C");
                    exceeded.Add(reading);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        EventHandler<EnvelopeTemperature>? handler;
        lock (_handlersLock)
        {
            handler = _redLineExceeded;
        }

        foreach (var reading in exceeded)
        {
            handler?.Invoke(this, reading);
        }
    }

    public async Task<IReadOnlyList<string>> AlertsAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _alerts.ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<EnvelopeTemperature?> LatestAsync(string balloonId)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _latest.TryGetValue(balloonId, out var t) ? t : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _timer.Elapsed -= OnElapsed;
        _timer.Dispose();
    }
}
