namespace Parking.Gates;

public interface IGateSensor
{
    /// <summary>Blocks up to the timeout; returns +1 for entry, -1 for exit, 0 when nothing passed.</summary>
    int Poll(TimeSpan timeout);
}

/// <summary>
/// Counts entries and exits at the garage's barrier gates. Each gate sensor is polled on
/// a dedicated thread; the occupancy sign reads the totals.
/// </summary>
public sealed class GateCounter : IDisposable
{
    private readonly List<Thread> _threads = new();
    private volatile bool _stopping;
    private long _entries;
    private long _exits;

    public GateCounter(IEnumerable<IGateSensor> sensors)
    {
        foreach (var sensor in sensors)
        {
            var thread = new Thread(() => PollLoop(sensor)) { IsBackground = true, Name = "gate-sensor" };
            _threads.Add(thread);
        }

        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public long Entries => Interlocked.Read(ref _entries);

    public long Exits => Interlocked.Read(ref _exits);

    public long Occupancy => Math.Max(0, Entries - Exits);

    private void PollLoop(IGateSensor sensor)
    {
        while (!_stopping)
        {
            var crossing = sensor.Poll(TimeSpan.FromMilliseconds(500));
            if (crossing > 0)
            {
                Interlocked.Increment(ref _entries);
            }
            else if (crossing < 0)
            {
                Interlocked.Increment(ref _exits);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }
}
