namespace Blind51.ObservatoryDomes.Calibration;

public readonly record struct CalibrationProgress(int Completed, int Failed, int Total);

/// <summary>
/// Runs the nightly flat-field calibration over every filter and exposure combination.
/// Frames are processed in parallel; the dome control screen watches the counters and also
/// receives <see cref="IProgress{T}"/> notifications.
/// </summary>
public sealed class FlatFieldCalibrator
{
    private readonly Func<string, bool> _captureAndReduce;
    private int _completed;
    private int _failed;
    private int _total;

    public FlatFieldCalibrator(Func<string, bool> captureAndReduce) => _captureAndReduce = captureAndReduce;

    public CalibrationProgress Current =>
        new(Volatile.Read(ref _completed), Volatile.Read(ref _failed), Volatile.Read(ref _total));

    public Task RunAsync(IReadOnlyList<string> frames, IProgress<CalibrationProgress>? progress, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _total, frames.Count);
        Interlocked.Exchange(ref _completed, 0);
        Interlocked.Exchange(ref _failed, 0);

        return Task.Run(() =>
        {
            Parallel.ForEach(frames, new ParallelOptions { CancellationToken = cancellationToken }, frame =>
            {
                bool ok;
                try
                {
                    ok = _captureAndReduce(frame);
                }
                catch (IOException)
                {
                    ok = false;
                }

                int completed, failed;
                if (ok)
                {
                    completed = Interlocked.Increment(ref _completed);
                    failed = Volatile.Read(ref _failed);
                }
                else
                {
                    failed = Interlocked.Increment(ref _failed);
                    completed = Volatile.Read(ref _completed);
                }

                progress?.Report(new CalibrationProgress(completed, failed, frames.Count));
            });
        }, cancellationToken);
    }
}

/// <summary>
/// The dome screen's status line, refreshed by a timer.
/// </summary>
public sealed class CalibrationStatusLine : IDisposable
{
    private readonly FlatFieldCalibrator _calibrator;
    private readonly System.Timers.Timer _timer;
    private readonly Action<string> _show;

    public CalibrationStatusLine(FlatFieldCalibrator calibrator, Action<string> show)
    {
        _calibrator = calibrator;
        _show = show;
        _timer = new System.Timers.Timer(500);
        _timer.Elapsed += (_, _) => Render();
        _timer.Start();
    }

    private void Render()
    {
        var p = _calibrator.Current;
        var percent = p.Total == 0 ? 0 : 100.0 * (p.Completed + p.Failed) / p.Total;
        _show($"Flats: {p.Completed} ok, {p.Failed} failed of {p.Total} ({percent:F0}%)");
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
