namespace TidalPower.Turbines;

public interface ITurbineSensor
{
    double ReadHeadMetres();
    double ReadOutputMegawatts();
}

public readonly record struct TelemetryReading(double HeadMetres, double OutputMw, DateTime SampledAt);

/// <summary>
/// Samples a barrage turbine once a second and exposes the latest values to the
/// control-room dashboard, which polls from its own request threads.
/// </summary>
public sealed class TurbineTelemetry : IDisposable
{
    private readonly object _sync = new();
    private readonly ITurbineSensor _sensor;
    private readonly Timer _timer;

    private double _headMetres;
    private double _outputMw;
    private DateTime _sampledAt;

    public TurbineTelemetry(ITurbineSensor sensor)
    {
        _sensor = sensor;
        _timer = new Timer(Sample, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    private void Sample(object? state)
    {
        double head = _sensor.ReadHeadMetres();
        double output = _sensor.ReadOutputMegawatts();

        lock (_sync)
        {
            _headMetres = head;
            _outputMw = output;
            _sampledAt = DateTime.UtcNow;
        }
    }

    /// <summary>Latest sample as shown on the dashboard tile.</summary>
    public TelemetryReading Current => new TelemetryReading(_headMetres, _outputMw, _sampledAt);

    /// <summary>Megawatts per metre of head, used for the efficiency trend line.</summary>
    public double Efficiency
    {
        get
        {
            lock (_sync)
            {
                return _headMetres <= 0.01 ? 0 : _outputMw / _headMetres;
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
