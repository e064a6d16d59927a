namespace Blind54.FilmDubbing.Takes;

public sealed record DubTake(string Actor, string LoopId, int TakeNumber, byte[] Pcm);

/// <summary>
/// Bounded hand-off between the recording booth (which produces takes as actors finish a
/// loop) and the loudness-normalisation workers. Several booths and several workers use the
/// same buffer.
/// </summary>
public sealed class TakeBuffer
{
    private readonly object _monitor = new();
    private readonly Queue<DubTake> _queue = new();
    private readonly int _capacity;
    private bool _closed;

    public TakeBuffer(int capacity) => _capacity = capacity;

    public void Add(DubTake take)
    {
        lock (_monitor)
        {
            while (_queue.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The session has been wrapped.");
            }

            _queue.Enqueue(take);
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryTake(out DubTake? take)
    {
        lock (_monitor)
        {
            while (_queue.Count == 0 && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_queue.Count == 0)
            {
                take = null;
                return false;
            }

            take = _queue.Dequeue();
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

/// <summary>Normalises takes on dedicated worker threads until the session is wrapped.</summary>
public sealed class NormalisationWorkers
{
    private readonly TakeBuffer _buffer;
    private readonly Thread[] _threads;
    private long _processedBytes;

    public NormalisationWorkers(TakeBuffer buffer, int count)
    {
        _buffer = buffer;
        _threads = Enumerable.Range(0, count)
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"normalise-{i}" })
            .ToArray();
    }

    public long ProcessedBytes => Interlocked.Read(ref _processedBytes);

    public void Start()
    {
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public void Join()
    {
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Work()
    {
        while (_buffer.TryTake(out var take))
        {
            var pcm = take!.Pcm;
            for (var i = 0; i < pcm.Length; i++)
            {
                pcm[i] = (byte)Math.Clamp(pcm[i] * 9 / 10, 0, 255);
            }

            Interlocked.Add(ref _processedBytes, pcm.Length);
        }
    }
}
