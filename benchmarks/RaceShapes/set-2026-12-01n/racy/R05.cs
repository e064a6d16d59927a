namespace WindFarm.Telemetry;

public sealed class TurbineSampleEventArgs : EventArgs
{
    public TurbineSampleEventArgs(string turbineId, double powerKw, double windSpeedMs)
    {
        TurbineId = turbineId;
        PowerKw = powerKw;
        WindSpeedMs = windSpeedMs;
    }

    public string TurbineId { get; }
    public double PowerKw { get; }
    public double WindSpeedMs { get; }
}

/// <summary>
/// Polls one turbine's SCADA controller on a dedicated long-running task and raises
/// <see cref="SampleReceived"/> for every reading.
/// </summary>
public sealed class TurbineFeed
{
    private readonly string _turbineId;

    public TurbineFeed(string turbineId) => _turbineId = turbineId;

    public event EventHandler<TurbineSampleEventArgs>? SampleReceived;

    public Task Start(CancellationToken ct) =>
        Task.Factory.StartNew(() => PollLoop(ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void PollLoop(CancellationToken ct)
    {
        var random = new Random(_turbineId.GetHashCode());
        while (!ct.IsCancellationRequested)
        {
            var wind = 4 + random.NextDouble() * 10;
            var power = Math.Min(3600, Math.Pow(wind, 3) * 1.8);
            SampleReceived?.Invoke(this, new TurbineSampleEventArgs(_turbineId, power, wind));
            Thread.Sleep(200);
        }
    }
}

/// <summary>
/// Aggregates the whole farm's output for the control-room dashboard.
/// </summary>
public sealed class FarmOutputMonitor
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(200);

    private long _samples;
    private double _farmEnergyKwh;

    public FarmOutputMonitor(IEnumerable<TurbineFeed> feeds)
    {
        foreach (var feed in feeds)
        {
            feed.SampleReceived += OnSample;
        }
    }

    public long Samples => Interlocked.Read(ref _samples);

    public double FarmEnergyKwh => Volatile.Read(ref _farmEnergyKwh);

    private void OnSample(object? sender, TurbineSampleEventArgs e)
    {
        Interlocked.Increment(ref _samples);
        _farmEnergyKwh += e.PowerKw * SampleInterval.TotalHours;
    }
}

public static class FarmMonitorHost
{
    public static async Task<double> RunForAsync(TimeSpan duration, params string[] turbineIds)
    {
        var feeds = turbineIds.Select(id => new TurbineFeed(id)).ToList();
        var monitor = new FarmOutputMonitor(feeds);
        using var cts = new CancellationTokenSource(duration);
        await Task.WhenAll(feeds.Select(f => f.Start(cts.Token)));
        return monitor.FarmEnergyKwh;
    }
}
