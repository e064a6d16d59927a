namespace WindTunnel.Runs;

public sealed record PressureSample(double TimeSec, double[] TapPressuresPa);

/// <summary>
/// Acquires one wind tunnel run on a dedicated high-priority thread. The operator console
/// can stop acquisition early; results are available once <see cref="Stop"/> or the run duration completes.
/// </summary>
public sealed class TunnelRunAcquisition
{
    private readonly Func<double[]> _readTaps;
    private readonly TimeSpan _duration;
    private readonly List<PressureSample> _samples = new();
    private volatile bool _stopRequested;
    private Thread? _thread;

    public TunnelRunAcquisition(Func<double[]> readTaps, TimeSpan duration)
    {
        _readTaps = readTaps;
        _duration = duration;
    }

    public void Start()
    {
        _thread = new Thread(Acquire) { Priority = ThreadPriority.AboveNormal, IsBackground = true, Name = "tunnel-daq" };
        _thread.Start();
    }

    private void Acquire()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!_stopRequested && clock.Elapsed < _duration)
        {
            _samples.Add(new PressureSample(clock.Elapsed.TotalSeconds, _readTaps()));
            Thread.Sleep(5);
        }
    }

    /// <summary>Stops acquisition and returns the samples collected.</summary>
    public IReadOnlyList<PressureSample> Stop()
    {
        _stopRequested = true;
        _thread?.Join();
        return _samples.ToArray();
    }

    public static double[] MeanPressures(IReadOnlyList<PressureSample> samples)
    {
        if (samples.Count == 0) return Array.Empty<double>();
        var taps = samples[0].TapPressuresPa.Length;
        var means = new double[taps];
        foreach (var s in samples)
            for (var i = 0; i < taps; i++)
                means[i] += s.TapPressuresPa[i] / samples.Count;
        return means;
    }
}
