namespace Blind34.Saltmarsh.Acoustic;

/// <summary>
/// Fixed-size ring of audio frames between the reed-bed microphone capture
/// thread (the only producer) and the call-classifier thread (the only
/// consumer).
/// </summary>
public sealed class AudioFrameRing
{
    private readonly short[][] _slots;
    private int _head; // next slot to read
    private int _tail; // next slot to write

    public AudioFrameRing(int capacity, int frameSamples)
    {
        _slots = new short[capacity + 1][];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new short[frameSamples];
        }
    }

    /// <summary>Producer side: copies a frame in, or returns false when full.</summary>
    public bool TryWrite(ReadOnlySpan<short> frame)
    {
        var tail = _tail;
        var next = (tail + 1) % _slots.Length;
        if (next == Volatile.Read(ref _head))
        {
            return false;
        }

        frame.CopyTo(_slots[tail]);
        Volatile.Write(ref _tail, next);
        return true;
    }

    /// <summary>Consumer side: copies the oldest frame out, or returns false when empty.</summary>
    public bool TryRead(Span<short> into)
    {
        var head = _head;
        if (head == Volatile.Read(ref _tail))
        {
            return false;
        }

        _slots[head].CopyTo(into);
        Volatile.Write(ref _head, (head + 1) % _slots.Length);
        return true;
    }
}

public sealed class BitternBoomDetector
{
    private readonly AudioFrameRing _ring = new(64, 1024);
    private int _dropped;
    private int _booms;

    public int Dropped => Volatile.Read(ref _dropped);

    public int Booms => Volatile.Read(ref _booms);

    public Thread StartCapture(Func<short[]> capture, CancellationToken ct)
    {
        var t = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                if (!_ring.TryWrite(capture()))
                {
                    Interlocked.Increment(ref _dropped);
                }
            }
        }) { IsBackground = true, Name = "mic-capture" };
        t.Start();
        return t;
    }

    public Thread StartClassifier(Func<short[], bool> isBoom, CancellationToken ct)
    {
        var t = new Thread(() =>
        {
            var frame = new short[1024];
            while (!ct.IsCancellationRequested)
            {
                if (!_ring.TryRead(frame))
                {
                    Thread.Sleep(5);
                    continue;
                }

                if (isBoom(frame))
                {
                    Interlocked.Increment(ref _booms);
                }
            }
        }) { IsBackground = true, Name = "boom-classifier" };
        t.Start();
        return t;
    }
}
