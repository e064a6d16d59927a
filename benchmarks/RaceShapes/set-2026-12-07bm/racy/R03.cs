namespace Blind65.BonsaiNurseries.Watering;

/// <summary>
/// Counts misting cycles across the greenhouse benches and publishes a per-minute
/// total to the dashboard. Bench controllers call <see cref="RecordCycle"/> from
/// their own polling threads.
/// </summary>
public sealed class MistingCycleMeter : IDisposable
{
    private readonly Timer _timer;
    private readonly Action<MistingSample> _publish;
    private int _cyclesThisWindow;
    private int _dryAlarmsThisWindow;

    public MistingCycleMeter(Action<MistingSample> publish, TimeSpan window)
    {
        _publish = publish;
        _timer = new Timer(OnWindowElapsed, null, window, window);
    }

    public void RecordCycle(bool soilWasDry)
    {
        Interlocked.Increment(ref _cyclesThisWindow);
        if (soilWasDry)
        {
            Interlocked.Increment(ref _dryAlarmsThisWindow);
        }
    }

    private void OnWindowElapsed(object? state)
    {
        var cycles = _cyclesThisWindow;
        _cyclesThisWindow = 0;
        var dryAlarms = Interlocked.Exchange(ref _dryAlarmsThisWindow, 0);

        _publish(new MistingSample(DateTimeOffset.UtcNow, cycles, dryAlarms));
    }

    public void Dispose() => _timer.Dispose();
}

public readonly record struct MistingSample(DateTimeOffset At, int Cycles, int DryAlarms);

public sealed class BenchController
{
    private readonly MistingCycleMeter _meter;
    private readonly string _benchId;
    private readonly Func<string, double> _readMoisture;

    public BenchController(string benchId, MistingCycleMeter meter, Func<string, double> readMoisture)
    {
        _benchId = benchId;
        _meter = meter;
        _readMoisture = readMoisture;
    }

    public Task RunAsync(CancellationToken token) => Task.Run(async () =>
    {
        while (!token.IsCancellationRequested)
        {
            var moisture = _readMoisture(_benchId);
            if (moisture < 0.35)
            {
                _meter.RecordCycle(soilWasDry: moisture < 0.2);
            }
            await Task.Delay(250, token).ConfigureAwait(false);
        }
    }, token);
}
