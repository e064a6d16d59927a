namespace WineCellar.Climate;

public sealed record ClimateReading(double TemperatureC, double HumidityPercent, DateTime TakenAt);

public sealed class SensorConnection : IDisposable
{
    private readonly string _port;
    private volatile bool _open = true;

    public SensorConnection(string port) => _port = port;

    public ClimateReading Read()
    {
        if (!_open)
        {
            throw new ObjectDisposedException(_port);
        }

        return new ClimateReading(12.5, 70, DateTime.Now);
    }

    public void Dispose() => _open = false;
}

/// <summary>
/// View model backing the cellar climate panel. Polls the sensor on a timer and
/// lets the user connect or disconnect the sensor from the settings page.
/// </summary>
public sealed class CellarClimateViewModel : IDisposable
{
    private readonly Timer _pollTimer;
    private SensorConnection? _sensor;
    private ClimateReading? _latest;

    public CellarClimateViewModel()
    {
        _pollTimer = new Timer(Poll, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    public ClimateReading? Latest => Volatile.Read(ref _latest);

    public bool IsTooWarm => Latest is { TemperatureC: > 14.0 };

    public void Connect(string port)
    {
        var connection = new SensorConnection(port);
        Interlocked.Exchange(ref _sensor, connection)?.Dispose();
    }

    public void Disconnect()
    {
        var old = _sensor;
        _sensor = null;
        old?.Dispose();
    }

    private void Poll(object? state)
    {
        if (_sensor != null)
        {
            var reading = _sensor.Read();
            Volatile.Write(ref _latest, reading);
        }
    }

    public void Dispose()
    {
        _pollTimer.Dispose();
        Disconnect();
    }
}
