using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind52.Pottery.Loading;

public sealed record GreenwarePiece(string Potter, string Description, double HeightCm, bool Glazed);

/// <summary>
/// Bounded queue of pieces waiting to be loaded onto kiln shelves. Potters'
/// check-in stations add pieces; the loaders take them. Adders wait when the
/// staging racks are full, takers wait when they are empty.
/// </summary>
public sealed class KilnLoadingQueue
{
    private readonly object _sync = new();
    private readonly Queue<GreenwarePiece> _pieces = new();
    private readonly int _capacity;
    private bool _closed;

    public KilnLoadingQueue(int capacity) => _capacity = capacity;

    public void Add(GreenwarePiece piece)
    {
        lock (_sync)
        {
            while (_pieces.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_sync);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The kiln is already being fired.");
            }

            _pieces.Enqueue(piece);
            Monitor.PulseAll(_sync);
        }
    }

    public bool TryTake(TimeSpan timeout, out GreenwarePiece? piece)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_sync)
        {
            while (_pieces.Count == 0 && !_closed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_sync, remaining))
                {
                    piece = null;
                    return false;
                }
            }

            if (_pieces.Count == 0)
            {
                piece = null;
                return false;
            }

            piece = _pieces.Dequeue();
            Monitor.PulseAll(_sync);
            return true;
        }
    }

    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
            Monitor.PulseAll(_sync);
        }
    }
}

/// <summary>
/// Runs the loading crew: each loader thread takes pieces and places them.
/// </summary>
public sealed class LoadingCrew
{
    private readonly KilnLoadingQueue _queue;
    private readonly Action<int, GreenwarePiece> _place;
    private int _placed;

    public LoadingCrew(KilnLoadingQueue queue, Action<int, GreenwarePiece> place)
    {
        _queue = queue;
        _place = place;
    }

    public int Placed => Volatile.Read(ref _placed);

    public void Run(int loaders)
    {
        var threads = new Thread[loaders];
        for (int i = 0; i < loaders; i++)
        {
            int loader = i;
            threads[i] = new Thread(() =>
            {
                while (_queue.TryTake(TimeSpan.FromMinutes(5), out var piece) && piece is not null)
                {
                    _place(loader, piece);
                    Interlocked.Increment(ref _placed);
                }
            }) { IsBackground = true, Name = $"Loader {loader}" };
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }
}
