namespace Blind42.SaltMarsh.Salinity;

public interface ISalinityProbe
{
    /// <summary>Blocks until the next conductivity sample (practical salinity units) arrives.</summary>
    double ReadNext();
}

/// <summary>
/// Buffers salinity samples between the probe's reader thread (the only producer) and the
/// logging task (the only consumer), using a fixed ring so the reader never allocates.
/// Both sides are created and owned by this type.
/// </summary>
public sealed class SalinitySampleRing : IDisposable
{
    private readonly double[] _slots;
    private readonly int _mask;
    private readonly ISalinityProbe _probe;
    private readonly Action<double[]> _flush;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _reader;
    private readonly Task _logger;
    private long _head; // next slot to read
    private long _tail; // next slot to write
    private long _overruns;

    public SalinitySampleRing(ISalinityProbe probe, Action<double[]> flush, int capacityPowerOfTwo = 1024)
    {
        if (capacityPowerOfTwo <= 0 || (capacityPowerOfTwo & (capacityPowerOfTwo - 1)) != 0)
        {
            throw new ArgumentException("Capacity must be a power of two.", nameof(capacityPowerOfTwo));
        }

        _slots = new double[capacityPowerOfTwo];
        _mask = capacityPowerOfTwo - 1;
        _probe = probe;
        _flush = flush;
        _reader = new Thread(ProduceLoop) { IsBackground = true, Name = "salinity-probe" };
        _reader.Start();
        _logger = Task.Run(ConsumeLoopAsync);
    }

    public long Overruns => Interlocked.Read(ref _overruns);

    private void ProduceLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            var sample = _probe.ReadNext();
            var tail = _tail;
            if (tail - Volatile.Read(ref _head) == _slots.Length)
            {
                Interlocked.Increment(ref _overruns);
                continue;
            }

            _slots[tail & _mask] = sample;
            Volatile.Write(ref _tail, tail + 1);
        }
    }

    private async Task ConsumeLoopAsync()
    {
        var batch = new List<double>(256);
        while (!_stop.IsCancellationRequested)
        {
            var head = _head;
            var available = Volatile.Read(ref _tail);
            while (head < available && batch.Count < 256)
            {
                batch.Add(_slots[head & _mask]);
                head++;
            }
            Volatile.Write(ref _head, head);

            if (batch.Count > 0)
            {
                _flush(batch.ToArray());
                batch.Clear();
            }
            else
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _reader.Join(TimeSpan.FromSeconds(2));
        _logger.Wait(TimeSpan.FromSeconds(2));
    }
}
