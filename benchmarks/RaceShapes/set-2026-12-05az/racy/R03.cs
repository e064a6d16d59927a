using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Glassblowing.Annealing;

public interface IAnnealerSensor
{
    ValueTask<double> ReadAsync(int annealerId, CancellationToken ct);
}

public interface ITelemetrySink
{
    void Publish(int annealerId, double[] samples);
}

/// <summary>
/// Fixed-size buffer of annealer temperature samples.
/// </summary>
public sealed class SampleBuffer
{
    public SampleBuffer(int capacity) => Values = new double[capacity];

    public double[] Values { get; }

    public int Count { get; private set; }

    public void Add(double value) => Values[Count++] = value;

    public void Reset() => Count = 0;
}

/// <summary>
/// Keeps sample buffers around between annealing cycles to avoid allocating
/// a new array every few seconds per annealer.
/// </summary>
public sealed class SampleBufferPool
{
    private readonly ConcurrentBag<SampleBuffer> _items = new();
    private readonly int _capacity;

    public SampleBufferPool(int capacity) => _capacity = capacity;

    public SampleBuffer Rent() => _items.TryTake(out var buffer) ? buffer : new SampleBuffer(_capacity);

    public void Return(SampleBuffer buffer)
    {
        buffer.Reset();
        _items.Add(buffer);
    }
}

/// <summary>
/// Captures one annealing cycle's temperature curve per call. The studio's
/// scheduler runs a capture loop per annealer, all sharing one pool.
/// </summary>
public sealed class AnnealerTelemetry
{
    private const int SamplesPerCycle = 32;

    private readonly SampleBufferPool _pool;
    private readonly IAnnealerSensor _sensor;
    private readonly ITelemetrySink _sink;

    public AnnealerTelemetry(SampleBufferPool pool, IAnnealerSensor sensor, ITelemetrySink sink)
    {
        _pool = pool;
        _sensor = sensor;
        _sink = sink;
    }

    public async Task CaptureCycleAsync(int annealerId, CancellationToken ct)
    {
        var buffer = _pool.Rent();
        try
        {
            for (int i = 0; i < SamplesPerCycle; i++)
            {
                buffer.Add(await _sensor.ReadAsync(annealerId, ct).ConfigureAwait(false));
            }

            // Upload in the background so the next cycle's readings start on time.
            _ = Task.Run(() => _sink.Publish(annealerId, buffer.Values.AsSpan(0, buffer.Count).ToArray()));
        }
        finally
        {
            _pool.Return(buffer);
        }
    }

    public Task RunAllAsync(int[] annealerIds, CancellationToken ct)
    {
        var loops = new Task[annealerIds.Length];
        for (int i = 0; i < annealerIds.Length; i++)
        {
            int id = annealerIds[i];
            loops[i] = Task.Run(async () =>
            {
                while (!ct.IsCancellationRequested)
                {
                    await CaptureCycleAsync(id, ct).ConfigureAwait(false);
                }
            }, ct);
        }

        return Task.WhenAll(loops);
    }
}
