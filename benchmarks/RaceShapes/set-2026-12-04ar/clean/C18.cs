namespace Blind44.ClockTowers.Calibration;

public interface IPendulumRig
{
    double[] MeasureHourlyOffsets();
}

/// <summary>Hourly drift offsets measured at a point in time.</summary>
public sealed class Calibration
{
    private readonly double[] _offsets;

    public Calibration(double[] offsets, DateTime measuredUtc)
    {
        _offsets = (double[])offsets.Clone();
        MeasuredUtc = measuredUtc;
    }

    public DateTime MeasuredUtc { get; }
    public double OffsetFor(int hour) => _offsets[hour];
}

/// <summary>
/// Keeps the clock tower's drift calibration fresh by re-measuring the pendulum every quarter
/// hour. The chime driver and the maintenance page read the current table.
/// </summary>
public sealed class TowerCalibrator : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private readonly IPendulumRig _rig;
    private readonly Timer _timer;
    private Calibration? _current;
    private int _failures;

    public TowerCalibrator(IPendulumRig rig)
    {
        _rig = rig;
        _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start() => _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);

    public Calibration? Current => Volatile.Read(ref _current);

    public int Failures => Volatile.Read(ref _failures);

    public double CorrectionMs(int hour) => Current?.OffsetFor(hour) ?? 0;

    private void OnTimer(object? state)
    {
        try
        {
            var offsets = _rig.MeasureHourlyOffsets();
            if (offsets.Length == 24)
                Volatile.Write(ref _current, new Calibration(offsets, DateTime.UtcNow));
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _failures);
        }
        finally
        {
            try
            {
                _timer.Change(Interval, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>Strikes the hours using the latest calibration.</summary>
public sealed class ChimeDriver
{
    private readonly TowerCalibrator _calibrator;
    private readonly Action<int> _strike;

    public ChimeDriver(TowerCalibrator calibrator, Action<int> strike)
    {
        _calibrator = calibrator;
        _strike = strike;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        int lastHour = -1;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var now = DateTime.Now;
            var corrected = now.AddMilliseconds(-_calibrator.CorrectionMs(now.Hour));
            if (corrected.Minute == 0 && corrected.Hour != lastHour)
            {
                lastHour = corrected.Hour;
                _strike(corrected.Hour % 12 == 0 ? 12 : corrected.Hour % 12);
            }
        }
    }
}
