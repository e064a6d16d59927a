namespace Karaoke.Calibration;

public sealed record LatencyCalibration(double MicLatencyMs, double OutputLatencyMs, int ClapsDetected);

public interface IClapDetector
{
    /// <summary>Blocks until a clap is heard or the timeout elapses; returns the offset in ms from the click.</summary>
    double? WaitForClap(TimeSpan timeout);
}

/// <summary>
/// Measures the round-trip audio latency of the karaoke machine: plays clicks and times the
/// singer's claps. The audio capture blocks, so it runs on a dedicated thread and the
/// settings page awaits the result.
/// </summary>
public sealed class LatencyCalibrator
{
    private readonly IClapDetector _detector;
    private readonly double _knownOutputLatencyMs;

    public LatencyCalibrator(IClapDetector detector, double knownOutputLatencyMs)
    {
        _detector = detector;
        _knownOutputLatencyMs = knownOutputLatencyMs;
    }

    public Task<LatencyCalibration> CalibrateAsync(int clicks, CancellationToken ct)
    {
        var completion = new TaskCompletionSource<LatencyCalibration>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ct.Register(() => completion.TrySetCanceled(ct));

        var capture = new Thread(() =>
        {
            try
            {
                var offsets = new List<double>(clicks);
                for (var i = 0; i < clicks && !ct.IsCancellationRequested; i++)
                {
                    if (_detector.WaitForClap(TimeSpan.FromSeconds(2)) is { } offset)
                    {
                        offsets.Add(offset);
                    }
                }

                if (offsets.Count < 3)
                {
                    completion.TrySetException(new InvalidOperationException("Too few claps detected to calibrate."));
                    return;
                }

                offsets.Sort();
                var trimmed = offsets.Skip(1).Take(offsets.Count - 2).ToList();
                var total = trimmed.Average();
                completion.TrySetResult(new LatencyCalibration(total - _knownOutputLatencyMs, _knownOutputLatencyMs, offsets.Count));
            }
            catch (Exception ex)
            {
                completion.TrySetException(ex);
            }
            finally
            {
                registration.Dispose();
            }
        })
        {
            IsBackground = true,
            Name = "latency-calibration",
        };

        capture.Start();
        return completion.Task;
    }
}
