namespace Blind24.PipeTuningMetrics;

/// <summary>
/// Metrics for the automated pipe voicing rig. Shared by every microphone worker;
/// counters are updated from many threads and read by the metrics exporter.
/// </summary>
public sealed class VoicingMetrics
{
    private long _pipesMeasured;
    private long _pipesOutOfTune;
    private long _worstCentsTimesTen;
    private long _totalCentsTimesTen;

    public void RecordMeasurement(double centsOffset, double toleranceCents)
    {
        long scaled = (long)Math.Round(Math.Abs(centsOffset) * 10);
        Interlocked.Increment(ref _pipesMeasured);
        Interlocked.Add(ref _totalCentsTimesTen, scaled);

        if (Math.Abs(centsOffset) > toleranceCents)
        {
            Interlocked.Increment(ref _pipesOutOfTune);
        }

        long current = Interlocked.Read(ref _worstCentsTimesTen);
        while (scaled > current)
        {
            long observed = Interlocked.CompareExchange(ref _worstCentsTimesTen, scaled, current);
            if (observed == current)
            {
                break;
            }

            current = observed;
        }
    }

    public MetricsSnapshot Snapshot()
    {
        long measured = Interlocked.Read(ref _pipesMeasured);
        long total = Interlocked.Read(ref _totalCentsTimesTen);
        return new MetricsSnapshot(
            measured,
            Interlocked.Read(ref _pipesOutOfTune),
            Interlocked.Read(ref _worstCentsTimesTen) / 10.0,
            measured == 0 ? 0 : total / 10.0 / measured);
    }
}

public readonly record struct MetricsSnapshot(long Measured, long OutOfTune, double WorstCents, double MeanCents);

/// <summary>Analyses the pitch of each pipe as it is sounded, one worker per microphone.</summary>
public sealed class MicrophoneWorker
{
    private readonly VoicingMetrics _metrics;
    private readonly double _tolerance;

    public MicrophoneWorker(VoicingMetrics metrics, double tolerance)
    {
        _metrics = metrics;
        _tolerance = tolerance;
    }

    public Task StartAsync(IEnumerable<(double MeasuredHz, double TargetHz)> samples, CancellationToken ct)
    {
        return Task.Factory.StartNew(() =>
        {
            foreach (var (measured, target) in samples)
            {
                ct.ThrowIfCancellationRequested();
                double cents = 1200 * Math.Log2(measured / target);
                _metrics.RecordMeasurement(cents, _tolerance);
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
