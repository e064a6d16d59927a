using System.Collections.Concurrent;

namespace Blind31.SalmonHatcheries.Sensors;

/// <summary>
/// A block of oxygen and temperature samples from one rearing tank. Frames are pooled
/// and reference counted so that several consumers can look at the same frame.
/// </summary>
public sealed class TankFrame
{
    private readonly TankFramePool _owner;
    private int _refCount;

    internal TankFrame(TankFramePool owner, int sampleCount)
    {
        _owner = owner;
        Samples = new double[sampleCount];
    }

    public double[] Samples { get; }

    public int TankId { get; internal set; }

    internal void Activate()
    {
        _refCount = 1;
    }

    public void AddRef()
    {
        Interlocked.Increment(ref _refCount);
    }

    public void Release()
    {
        _refCount--;
        if (_refCount == 0)
        {
            _owner.Return(this);
        }
    }
}

public sealed class TankFramePool
{
    private readonly ConcurrentBag<TankFrame> _free = new();
    private readonly int _sampleCount;

    public TankFramePool(int sampleCount)
    {
        _sampleCount = sampleCount;
    }

    public TankFrame Rent(int tankId)
    {
        if (!_free.TryTake(out var frame))
        {
            frame = new TankFrame(this, _sampleCount);
        }

        frame.TankId = tankId;
        frame.Activate();
        return frame;
    }

    internal void Return(TankFrame frame)
    {
        Array.Clear(frame.Samples);
        _free.Add(frame);
    }
}

/// <summary>Hands each captured frame to every registered analyser in parallel.</summary>
public sealed class FrameDistributor
{
    private readonly TankFramePool _pool = new(256);
    private readonly IReadOnlyList<Action<TankFrame>> _analysers;

    public FrameDistributor(IReadOnlyList<Action<TankFrame>> analysers)
    {
        _analysers = analysers;
    }

    public void Publish(int tankId, ReadOnlySpan<double> captured)
    {
        var frame = _pool.Rent(tankId);
        captured.CopyTo(frame.Samples);

        foreach (var analyser in _analysers)
        {
            frame.AddRef();
            ThreadPool.QueueUserWorkItem(_ =>
            {
                try
                {
                    analyser(frame);
                }
                finally
                {
                    frame.Release();
                }
            });
        }

        frame.Release();
    }
}
