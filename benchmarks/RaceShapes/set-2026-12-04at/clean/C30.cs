namespace Blind46.ClockRestoration.Chimes;

public enum ChimeTune { Westminster, Whittington, StMichael }

public interface IChimeMechanism
{
    void Strike(ChimeTune tune, int quarter);
}

/// <summary>
/// Drives the restored turret clock's quarter chimes from a timer during test runs
/// in the workshop. The bench UI can change the tune or silence the chimes while
/// the timer is firing, and disposes the scheduler when the test ends.
/// </summary>
public sealed class QuarterChimeScheduler : IDisposable
{
    private readonly object _sync = new();
    private readonly System.Timers.Timer _timer;
    private readonly IChimeMechanism _mechanism;
    private ChimeTune _tune = ChimeTune.Westminster;
    private bool _silenced;
    private bool _disposed;
    private int _quarter;

    public QuarterChimeScheduler(IChimeMechanism mechanism, TimeSpan quarterLength)
    {
        _mechanism = mechanism;
        _timer = new System.Timers.Timer(quarterLength.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
        _timer.Start();
    }

    public ChimeTune Tune
    {
        get { lock (_sync) return _tune; }
        set { lock (_sync) _tune = value; }
    }

    public bool Silenced
    {
        get { lock (_sync) return _silenced; }
        set { lock (_sync) _silenced = value; }
    }

    private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        lock (_sync)
        {
            if (_disposed)
                return;

            _quarter = _quarter % 4 + 1;
            if (_silenced)
                return;

            _mechanism.Strike(_tune, _quarter);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
                return;
            _disposed = true;
        }

        _timer.Elapsed -= OnElapsed;
        _timer.Dispose();
    }
}

public sealed class ChimeBenchTest
{
    public static async Task RunAsync(IChimeMechanism mechanism, TimeSpan duration, CancellationToken ct)
    {
        using var scheduler = new QuarterChimeScheduler(mechanism, TimeSpan.FromSeconds(2));
        await Task.Delay(duration / 2, ct).ConfigureAwait(false);
        scheduler.Tune = ChimeTune.Whittington;
        await Task.Delay(duration / 2, ct).ConfigureAwait(false);
        scheduler.Silenced = true;
    }
}
