using System.Collections.Concurrent;

namespace Blind42.TelescopeMaking.Testing;

/// <summary>A scratch buffer for Foucault-test images of a mirror under figuring.</summary>
public sealed class FoucaultFrame : IDisposable
{
    public FoucaultFrame(int width, int height) => Pixels = new ushort[width * height];

    public ushort[] Pixels { get; }

    public void Clear() => Array.Clear(Pixels);

    public void Dispose()
    {
        // Frames hold only managed memory today; kept disposable for the camera SDK's pinned buffers.
    }
}

/// <summary>
/// Pool of test frames shared by every camera capture thread in the mirror lab.
/// Frames returned after the pool is disposed are disposed instead of retained.
/// </summary>
public sealed class FoucaultFramePool : IDisposable
{
    private readonly ConcurrentBag<FoucaultFrame> _frames = new();
    private readonly int _width;
    private readonly int _height;
    private readonly int _maxRetained;
    private int _retained;
    private long _created;
    private int _disposed;

    public FoucaultFramePool(int width, int height, int maxRetained)
    {
        _width = width;
        _height = height;
        _maxRetained = maxRetained;
    }

    public long Created => Interlocked.Read(ref _created);

    public FoucaultFrame Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        if (_frames.TryTake(out var frame))
        {
            Interlocked.Decrement(ref _retained);
            return frame;
        }

        Interlocked.Increment(ref _created);
        return new FoucaultFrame(_width, _height);
    }

    public void Return(FoucaultFrame frame)
    {
        frame.Clear();
        if (Volatile.Read(ref _disposed) == 0)
        {
            if (Interlocked.Increment(ref _retained) <= _maxRetained)
            {
                _frames.Add(frame);
                return;
            }
            Interlocked.Decrement(ref _retained);
        }
        frame.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        while (_frames.TryTake(out var frame))
        {
            frame.Dispose();
        }
    }
}

/// <summary>Captures a sequence of knife-edge positions and returns the mean brightness of each.</summary>
public static class KnifeEdgeSweep
{
    public static double[] Capture(FoucaultFramePool pool, int positions, Action<int, ushort[]> expose)
    {
        var brightness = new double[positions];
        Parallel.For(0, positions, position =>
        {
            var frame = pool.Rent();
            try
            {
                expose(position, frame.Pixels);
                brightness[position] = frame.Pixels.Average(p => (double)p);
            }
            finally
            {
                pool.Return(frame);
            }
        });
        return brightness;
    }
}
