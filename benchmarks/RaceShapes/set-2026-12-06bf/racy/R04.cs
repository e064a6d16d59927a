namespace Blind58.LidoSensors;

public readonly record struct WaterReading(long TimestampTicks, double TemperatureC, double ChlorinePpm, double Ph);

/// <summary>
/// Fixed-size ring of water-quality readings. The sensor poller thread is the only writer
/// and the dashboard refresh is the only reader.
/// </summary>
public sealed class ReadingRing
{
    private readonly WaterReading[] _slots;
    private readonly int _mask;
    private long _head;
    private long _tail;
    private long _dropped;

    public ReadingRing(int capacityPowerOfTwo)
    {
        if (capacityPowerOfTwo <= 0 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
            throw new ArgumentException("Capacity must be a power of two.", nameof(capacityPowerOfTwo));
        _slots = new WaterReading[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Write(in WaterReading reading)
    {
        long head = _head;
        if (head - Volatile.Read(ref _tail) >= _slots.Length)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        Volatile.Write(ref _head, head + 1);
        _slots[head & _mask] = reading;
    }

    public bool TryRead(out WaterReading reading)
    {
        long tail = _tail;
        if (tail == Volatile.Read(ref _head))
        {
            reading = default;
            return false;
        }

        reading = _slots[tail & _mask];
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }
}

/// <summary>Polls the plant-room probes and feeds the poolside dashboard.</summary>
public sealed class PlantRoomMonitor : IDisposable
{
    private readonly ReadingRing _ring = new(256);
    private readonly Func<WaterReading> _probe;
    private readonly Thread _poller;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _dashboardLoop;
    private readonly Action<IReadOnlyList<WaterReading>> _publish;

    public PlantRoomMonitor(Func<WaterReading> probe, Action<IReadOnlyList<WaterReading>> publish)
    {
        _probe = probe;
        _publish = publish;
        _poller = new Thread(PollLoop) { IsBackground = true, Name = "lido-probe" };
        _poller.Start();
        _dashboardLoop = RefreshDashboardAsync(_stop.Token);
    }

    private void PollLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            _ring.Write(_probe());
            Thread.Sleep(50);
        }
    }

    private async Task RefreshDashboardAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Drain();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Drain()
    {
        var batch = new List<WaterReading>();
        while (_ring.TryRead(out var reading))
        {
            batch.Add(reading);
        }

        if (batch.Count > 0)
        {
            _publish(batch);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _poller.Join();
        _dashboardLoop.GetAwaiter().GetResult();
        _stop.Dispose();
    }
}
