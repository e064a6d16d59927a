using System.Collections.Concurrent;

namespace Blind46.FountainPen.NibGrinding;

/// <summary>Scratch space for computing a nib grind profile. Pooled because profiles are large.</summary>
public sealed class GrindProfileBuffer
{
    public double[] Heights { get; } = new double[4096];
    public int Length { get; set; }

    internal void Reset()
    {
        Array.Clear(Heights, 0, Length);
        Length = 0;
    }
}

/// <summary>One use of a pooled buffer; dispose it to hand the buffer back.</summary>
public sealed class GrindProfileLease : IDisposable
{
    private GrindProfilePool? _pool;
    private readonly GrindProfileBuffer _buffer;

    internal GrindProfileLease(GrindProfilePool pool, GrindProfileBuffer buffer)
    {
        _pool = pool;
        _buffer = buffer;
    }

    public GrindProfileBuffer Buffer =>
        Volatile.Read(ref _pool) is null ? throw new ObjectDisposedException(nameof(GrindProfileLease)) : _buffer;

    public void Dispose() => Interlocked.Exchange(ref _pool, null)?.Return(_buffer);
}

/// <summary>
/// Pool of grind-profile buffers shared by the grinding robots' controller threads.
/// </summary>
public sealed class GrindProfilePool
{
    private readonly ConcurrentBag<GrindProfileBuffer> _free = new();
    private readonly int _maxRetained;
    private int _retained;

    public GrindProfilePool(int maxRetained) => _maxRetained = maxRetained;

    public GrindProfileLease Rent()
    {
        if (_free.TryTake(out var buffer))
            Interlocked.Decrement(ref _retained);
        else
            buffer = new GrindProfileBuffer();

        return new GrindProfileLease(this, buffer);
    }

    internal void Return(GrindProfileBuffer buffer)
    {
        buffer.Reset();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
            _free.Add(buffer);
        else
            Interlocked.Decrement(ref _retained);
    }
}

public sealed class NibGrinder
{
    private readonly GrindProfilePool _pool;

    public NibGrinder(GrindProfilePool pool) => _pool = pool;

    public double MaxRemovalMicrons(double tipWidthMm, double stubAngleDeg, int samples)
    {
        using var lease = _pool.Rent();
        var buffer = lease.Buffer;

        buffer.Length = Math.Min(samples, buffer.Heights.Length);
        double slope = Math.Tan(stubAngleDeg * Math.PI / 180.0);
        double max = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            double x = tipWidthMm * i / buffer.Length;
            buffer.Heights[i] = x * slope * 1000.0;
            max = Math.Max(max, buffer.Heights[i]);
        }

        return max;
    }

    public double[] Profile(double tipWidthMm, double stubAngleDeg, int samples)
    {
        using var lease = _pool.Rent();
        var buffer = lease.Buffer;
        buffer.Length = Math.Min(samples, buffer.Heights.Length);
        for (int i = 0; i < buffer.Length; i++)
            buffer.Heights[i] = tipWidthMm * i / buffer.Length * Math.Tan(stubAngleDeg * Math.PI / 180.0) * 1000.0;

        return buffer.Heights.AsSpan(0, buffer.Length).ToArray();
    }
}
