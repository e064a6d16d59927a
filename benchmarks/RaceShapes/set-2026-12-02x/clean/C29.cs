namespace Blind24.BeaconReceiver;

public readonly record struct PulseSample(int Antenna, double Amplitude, long TimestampTicks);

public interface IReceiverFrontEnd
{
    bool TryReadPulse(out PulseSample sample, int timeoutMs);
}

/// <summary>
/// Reads 457 kHz pulses from a transceiver front end on a dedicated thread and
/// computes a direction estimate from the three antennas. The caller starts it,
/// later asks it to stop, and reads the result once the thread has been joined.
/// </summary>
public sealed class DirectionFinder
{
    private readonly IReceiverFrontEnd _frontEnd;
    private readonly double[] _amplitudeSums = new double[3];
    private readonly int[] _pulseCounts = new int[3];
    private Thread? _thread;
    private volatile bool _stopRequested;

    public DirectionFinder(IReceiverFrontEnd frontEnd) => _frontEnd = frontEnd;

    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        Array.Clear(_amplitudeSums);
        Array.Clear(_pulseCounts);
        _stopRequested = false;
        _thread = new Thread(ReadLoop) { IsBackground = true, Name = "beacon-df", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    private void ReadLoop()
    {
        while (!_stopRequested)
        {
            if (!_frontEnd.TryReadPulse(out var pulse, 100))
            {
                continue;
            }

            if (pulse.Antenna is >= 0 and < 3)
            {
                _amplitudeSums[pulse.Antenna] += pulse.Amplitude;
                _pulseCounts[pulse.Antenna]++;
            }
        }
    }

    /// <summary>Stops the reader and returns the bearing in degrees relative to the x antenna.</summary>
    public double StopAndEstimateBearing()
    {
        var thread = _thread ?? throw new InvalidOperationException("Not started.");
        _stopRequested = true;
        thread.Join();
        _thread = null;

        double x = _pulseCounts[0] == 0 ? 0 : _amplitudeSums[0] / _pulseCounts[0];
        double y = _pulseCounts[1] == 0 ? 0 : _amplitudeSums[1] / _pulseCounts[1];
        double bearing = Math.Atan2(y, x) * 180 / Math.PI;
        return bearing < 0 ? bearing + 360 : bearing;
    }
}

/// <summary>Search mode of the handheld UI.</summary>
public sealed class SearchMode
{
    private readonly DirectionFinder _finder;

    public SearchMode(DirectionFinder finder) => _finder = finder;

    public async Task<string> SweepAsync(TimeSpan window, CancellationToken ct)
    {
        _finder.Start();
        bool cancelled = false;
        try
        {
            await Task.Delay(window, ct);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }

        var bearing = _finder.StopAndEstimateBearing();
        return cancelled ? "sweep cancelled" : $"strongest signal at {bearing:F0}°";
    }
}
