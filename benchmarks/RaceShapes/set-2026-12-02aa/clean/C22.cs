namespace Blind27.Bookbinding.Sewing;

public sealed record Signature(string BookId, int Index, int Folios);

/// <summary>
/// Bounded hand-off queue between the folding station and the sewing frames. Folders
/// block when the frames fall behind; sewers block when no signatures are ready.
/// </summary>
public sealed class SignatureQueue
{
    private readonly object _lock = new();
    private readonly Queue<Signature> _items = new();
    private readonly int _capacity;
    private bool _closed;

    public SignatureQueue(int capacity) => _capacity = capacity;

    public void Enqueue(Signature signature)
    {
        lock (_lock)
        {
            while (_items.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_lock);
            }

            if (_closed)
            {
                throw new InvalidOperationException("Sewing has finished for the day.");
            }

            _items.Enqueue(signature);
            Monitor.PulseAll(_lock);
        }
    }

    public bool TryDequeue(out Signature? signature)
    {
        lock (_lock)
        {
            while (_items.Count == 0 && !_closed)
            {
                Monitor.Wait(_lock);
            }

            if (_items.Count == 0)
            {
                signature = null;
                return false;
            }

            signature = _items.Dequeue();
            Monitor.PulseAll(_lock);
            return true;
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            Monitor.PulseAll(_lock);
        }
    }
}

/// <summary>Runs the sewing frames, each on its own thread.</summary>
public sealed class SewingFrames
{
    private readonly SignatureQueue _queue;
    private int _signaturesSewn;

    public SewingFrames(SignatureQueue queue) => _queue = queue;

    public int SignaturesSewn => Volatile.Read(ref _signaturesSewn);

    public Thread[] Start(int frames, Action<Signature> sew)
    {
        var threads = new Thread[frames];
        for (var i = 0; i < frames; i++)
        {
            threads[i] = new Thread(() =>
            {
                while (_queue.TryDequeue(out var sig))
                {
                    sew(sig!);
                    Interlocked.Increment(ref _signaturesSewn);
                }
            })
            { IsBackground = true, Name = $"sewing-frame-{i}" };
            threads[i].Start();
        }

        return threads;
    }
}
