namespace Vineyard.Frost.Fans;

public interface IFanDrive
{
    bool IsRunning { get; }
    double BladeRpm { get; }
}

/// <summary>
/// Accumulates run-time for a frost fan so the maintenance crew knows when the gearbox
/// is due for service. Samples the drive every few seconds and also accepts manual
/// entries from the field tablet when a fan was run on a generator.
/// </summary>
public sealed class FanRunHoursMeter : IDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    private readonly IFanDrive _drive;
    private readonly Timer _timer;
    private double _runSeconds;
    private int _samples;

    public FanRunHoursMeter(IFanDrive drive)
    {
        _drive = drive;
        _timer = new Timer(OnSample, null, SampleInterval, SampleInterval);
    }

    public double RunHours => Volatile.Read(ref _runSeconds) / 3600.0;

    public bool ServiceDue => RunHours >= 500;

    /// <summary>
    /// Called by the tablet sync endpoint when a crew member logs a manual run.
    /// </summary>
    public void AddManualRun(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        _runSeconds += duration.TotalSeconds;
    }

    private void OnSample(object? state)
    {
        Interlocked.Increment(ref _samples);
        if (!_drive.IsRunning || _drive.BladeRpm < 100)
        {
            return;
        }

        _runSeconds += SampleInterval.TotalSeconds;
    }

    public int SampleCount => Volatile.Read(ref _samples);

    public void Dispose() => _timer.Dispose();
}

/// <summary>
/// Endpoint handler used by the field tablets.
/// </summary>
public sealed class ManualRunSyncHandler
{
    private readonly IReadOnlyDictionary<string, FanRunHoursMeter> _meters;

    public ManualRunSyncHandler(IReadOnlyDictionary<string, FanRunHoursMeter> meters) => _meters = meters;

    public async Task<bool> HandleAsync(string fanId, int minutes)
    {
        await Task.Yield();
        if (!_meters.TryGetValue(fanId, out var meter))
        {
            return false;
        }

        meter.AddManualRun(TimeSpan.FromMinutes(minutes));
        return true;
    }
}
