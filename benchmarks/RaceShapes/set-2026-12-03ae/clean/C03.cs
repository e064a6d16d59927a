using System.Collections.Concurrent;

namespace Blind31.OysterBeds.Sampling;

/// <summary>
/// Salinity and turbidity readings from one tide cycle on an oyster bed. Instances are
/// pooled; each consumer holds a reference and releases it when finished.
/// </summary>
public sealed class TideSample
{
    private readonly TideSamplePool _pool;
    private int _references;

    internal TideSample(TideSamplePool pool, int capacity)
    {
        _pool = pool;
        Salinity = new float[capacity];
        Turbidity = new float[capacity];
    }

    public float[] Salinity { get; }

    public float[] Turbidity { get; }

    public string BedName { get; internal set; } = string.Empty;

    internal void Prepare(string bedName)
    {
        BedName = bedName;
        Volatile.Write(ref _references, 1);
    }

    public void Retain()
    {
        Interlocked.Increment(ref _references);
    }

    public void Release()
    {
        int remaining = Interlocked.Decrement(ref _references);
        if (remaining == 0)
        {
            _pool.Return(this);
        }
        else if (remaining < 0)
        {
            throw new InvalidOperationException("Sample released more times than it was retained.");
        }
    }
}

public sealed class TideSamplePool
{
    private readonly ConcurrentStack<TideSample> _free = new();
    private readonly int _capacity;

    public TideSamplePool(int capacity)
    {
        _capacity = capacity;
    }

    public TideSample Rent(string bedName)
    {
        var sample = _free.TryPop(out var pooled) ? pooled : new TideSample(this, _capacity);
        sample.Prepare(bedName);
        return sample;
    }

    internal void Return(TideSample sample) => _free.Push(sample);
}

/// <summary>Sends each tide sample to the growth model and the water-quality alarm.</summary>
public sealed class TideSampleFanOut
{
    private readonly TideSamplePool _pool = new(720);
    private readonly Func<TideSample, Task>[] _consumers;

    public TideSampleFanOut(params Func<TideSample, Task>[] consumers)
    {
        _consumers = consumers;
    }

    public void Publish(string bedName, ReadOnlySpan<float> salinity, ReadOnlySpan<float> turbidity)
    {
        var sample = _pool.Rent(bedName);
        salinity.CopyTo(sample.Salinity);
        turbidity.CopyTo(sample.Turbidity);

        foreach (var consumer in _consumers)
        {
            sample.Retain();
            _ = Task.Run(async () =>
            {
                try
                {
                    await consumer(sample).ConfigureAwait(false);
                }
                finally
                {
                    sample.Release();
                }
            });
        }

        sample.Release();
    }
}
