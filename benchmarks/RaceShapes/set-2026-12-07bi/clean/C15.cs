using System.Collections.Concurrent;

namespace Blind61.RecyclingDepot.Balers;

/// <summary>Working buffer for packing a bale telemetry frame.</summary>
public sealed class TelemetryFrame
{
    public byte[] Bytes { get; } = new byte[4096];
    public int Length;

    public void Clear() => Length = 0;
}

/// <summary>
/// Pool of telemetry frames shared by all baler connections.
/// </summary>
public sealed class TelemetryFramePool
{
    private readonly ConcurrentBag<TelemetryFrame> _frames = new();
    private readonly int _maxRetained;
    private int _retained;

    public TelemetryFramePool(int maxRetained) => _maxRetained = maxRetained;

    public TelemetryFrame Rent()
    {
        if (_frames.TryTake(out var frame))
        {
            Interlocked.Decrement(ref _retained);
            return frame;
        }
        return new TelemetryFrame();
    }

    public void Return(TelemetryFrame frame)
    {
        frame.Clear();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _frames.Add(frame);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }

    public int Retained => Volatile.Read(ref _retained);
}

/// <summary>One connected baler; sends bale weights to the depot server.</summary>
public sealed class BalerConnection
{
    private readonly TelemetryFramePool _pool;
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _send;
    private readonly string _balerId;

    public BalerConnection(string balerId, TelemetryFramePool pool, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send)
    {
        _balerId = balerId;
        _pool = pool;
        _send = send;
    }

    public async Task ReportBaleAsync(string material, int kg, CancellationToken ct)
    {
        var frame = _pool.Rent();
        try
        {
            var text = $"{_balerId}|{material}|{kg}|{DateTimeOffset.UtcNow:O}\n";
            frame.Length = System.Text.Encoding.UTF8.GetBytes(text, frame.Bytes);
            await _send(frame.Bytes.AsMemory(0, frame.Length), ct);
        }
        finally
        {
            _pool.Return(frame);
        }
    }
}
