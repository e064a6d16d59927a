namespace Blind34.HotSpring.Soak;

public interface IPoolSensor
{
    Task<double> ReadCelsiusAsync(CancellationToken ct);
}

/// <summary>
/// Records pool temperatures for a guest's timed soak so the attendant can see
/// the average when the session ends. Cancelling the session throws away the
/// readings gathered so far.
/// </summary>
public sealed class SoakSessionRecorder
{
    private readonly object _gate = new();
    private readonly List<double> _readings = new();
    private readonly TimeSpan _interval;

    public SoakSessionRecorder(TimeSpan interval) => _interval = interval;

    public async Task<double?> RecordAsync(IPoolSensor sensor, TimeSpan length, CancellationToken sessionCancelled)
    {
        using var registration = sessionCancelled.Register(() => _readings.Clear());

        var end = DateTimeOffset.UtcNow + length;
        while (DateTimeOffset.UtcNow < end && !sessionCancelled.IsCancellationRequested)
        {
            var celsius = await sensor.ReadCelsiusAsync(CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _readings.Add(celsius);
            }

            await Task.Delay(_interval).ConfigureAwait(false);
        }

        return Average();
    }

    public double? Average()
    {
        lock (_gate)
        {
            return _readings.Count == 0 ? null : _readings.Average();
        }
    }

    public int ReadingCount
    {
        get
        {
            lock (_gate)
            {
                return _readings.Count;
            }
        }
    }
}

/// <summary>Front desk view of the soak in progress.</summary>
public sealed class SoakDesk
{
    private readonly CancellationTokenSource _cts = new();
    private readonly SoakSessionRecorder _recorder = new(TimeSpan.FromSeconds(20));

    public Task<double?> StartAsync(IPoolSensor sensor, TimeSpan length) =>
        _recorder.RecordAsync(sensor, length, _cts.Token);

    /// <summary>Called from the attendant's button handler when a guest leaves early.</summary>
    public void EndEarly() => _cts.Cancel();

    public int Readings => _recorder.ReadingCount;
}
