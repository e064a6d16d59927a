namespace Blind27.BalloonFestival.LaunchField;

public readonly record struct WindSample(DateTime TakenAt, double SpeedKnots, int DirectionDegrees);

public interface IAnemometer
{
    Task<WindSample> ReadAsync();
}

/// <summary>
/// View-model behind the launch director's wind panel. Samples the mast anemometer
/// every second and keeps the last few minutes for the gust chart.
/// </summary>
public sealed class WindPanelViewModel : IDisposable
{
    private const int MaxSamples = 180;

    private readonly IAnemometer _anemometer;
    private readonly System.Timers.Timer _timer;
    private readonly Queue<WindSample> _history = new();
    private string _launchStatus = "Waiting";

    public WindPanelViewModel(IAnemometer anemometer)
    {
        _anemometer = anemometer;
        _timer = new System.Timers.Timer(1000) { AutoReset = true };
        _timer.Elapsed += OnTimerElapsed;
    }

    public string LaunchStatus
    {
        get => Volatile.Read(ref _launchStatus);
        private set => Volatile.Write(ref _launchStatus, value);
    }

    public void Start() => _timer.Start();

    /// <summary>Copy of the recent samples for the gust chart.</summary>
    public WindSample[] RecentSamples()
    {
        lock (_history)
        {
            return _history.ToArray();
        }
    }

    private async void OnTimerElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        WindSample sample;
        try
        {
            sample = await _anemometer.ReadAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            LaunchStatus = "Anemometer offline";
            return;
        }

        _history.Enqueue(sample);
        while (_history.Count > MaxSamples)
        {
            _history.Dequeue();
        }

        LaunchStatus = sample.SpeedKnots switch
        {
            < 6 => "Go",
            < 10 => "Tethered only",
            _ => "Hold",
        };
    }

    public void Dispose()
    {
        _timer.Elapsed -= OnTimerElapsed;
        _timer.Dispose();
    }
}
