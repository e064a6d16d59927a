namespace Blind42.WeatherStations.Wind;

public interface IAnemometer
{
    /// <summary>Reads the current wind speed over the serial link. Slow when the mast is iced.</summary>
    double ReadWindSpeedMetresPerSecond();
}

public sealed record GustReport(DateTimeOffset WindowEnd, double MeanSpeed, double PeakGust);

/// <summary>
/// Samples the anemometer four times a second and publishes a one-minute gust report.
/// </summary>
public sealed class AnemometerSampler : IDisposable
{
    private const int SamplesPerWindow = 240;

    private readonly IAnemometer _anemometer;
    private readonly Action<GustReport> _publish;
    private readonly List<double> _window = new(SamplesPerWindow);
    private Timer? _timer;

    public AnemometerSampler(IAnemometer anemometer, Action<GustReport> publish)
    {
        _anemometer = anemometer;
        _publish = publish;
    }

    public void Start()
    {
        _timer = new Timer(OnSample, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    private void OnSample(object? state)
    {
        double speed;
        try
        {
            speed = _anemometer.ReadWindSpeedMetresPerSecond();
        }
        catch (IOException)
        {
            return;
        }

        _window.Add(speed);

        if (_window.Count >= SamplesPerWindow)
        {
            var mean = _window.Average();
            var peak = _window.Max();
            _window.Clear();
            _publish(new GustReport(DateTimeOffset.UtcNow, mean, peak));
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
    }
}

/// <summary>Formats gust reports for the station's METAR-style bulletin.</summary>
public static class GustBulletin
{
    public static string Format(GustReport report)
    {
        var knots = report.MeanSpeed * 1.943844;
        var gustKnots = report.PeakGust * 1.943844;
        return gustKnots - knots >= 10
            ? $"{report.WindowEnd:HHmm}Z {knots:00}G{gustKnots:00}KT"
            : $"{report.WindowEnd:HHmm}Z {knots:00}KT";
    }
}
