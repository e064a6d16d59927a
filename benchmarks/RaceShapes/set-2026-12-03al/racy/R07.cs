namespace Blind38.OysterFarm.Sensors;

public readonly record struct WaterSample(DateTime TakenUtc, double SalinityPsu, double TemperatureC);

/// <summary>
/// Fixed-size buffer of the most recent water samples from a lease's sonde. The sonde
/// reader thread appends; the farm dashboard and the alerting job take snapshots from
/// their own threads whenever they need them.
/// </summary>
public sealed class SampleRingBuffer
{
    private readonly WaterSample[] _samples;
    private readonly object _lock = new();
    private int _head;
    private int _count;

    public SampleRingBuffer(int capacity)
    {
        _samples = new WaterSample[capacity];
    }

    public void Add(WaterSample sample)
    {
        lock (_lock)
        {
            _samples[_head] = sample;
            _head = (_head + 1) % _samples.Length;
            if (_count < _samples.Length)
            {
                _count++;
            }
        }
    }

    /// <summary>Returns the buffered samples, oldest first.</summary>
    public WaterSample[] Snapshot()
    {
        var count = _count;
        var head = _head;
        var result = new WaterSample[count];
        var start = (head - count + _samples.Length) % _samples.Length;
        for (var i = 0; i < count; i++)
        {
            result[i] = _samples[(start + i) % _samples.Length];
        }

        return result;
    }

    public double? MeanSalinity(TimeSpan window)
    {
        var cutoff = DateTime.UtcNow - window;
        var recent = Snapshot().Where(s => s.TakenUtc >= cutoff).ToList();
        return recent.Count == 0 ? null : recent.Average(s => s.SalinityPsu);
    }
}

/// <summary>Polls the buffer and raises an alert when salinity drops after heavy rain.</summary>
public sealed class LowSalinityAlert
{
    private readonly SampleRingBuffer _buffer;
    private readonly double _thresholdPsu;

    public LowSalinityAlert(SampleRingBuffer buffer, double thresholdPsu)
    {
        _buffer = buffer;
        _thresholdPsu = thresholdPsu;
    }

    public async Task RunAsync(Action<double> raise, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var mean = _buffer.MeanSalinity(TimeSpan.FromMinutes(30));
            if (mean is { } m && m < _thresholdPsu)
            {
                raise(m);
            }
        }
    }
}
