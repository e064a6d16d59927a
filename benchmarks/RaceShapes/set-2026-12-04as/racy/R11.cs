namespace Blind45.Chess.Pairings;

public sealed record Pairing(int Round, int Board, string White, string Black);

/// <summary>
/// Bounded hand-off between the pairing engine and the arbiters' tablets. The pairing
/// engine enqueues boards as soon as a round is paired; each tablet thread takes the next
/// board to set up.
/// </summary>
public sealed class BoardAssignmentQueue
{
    private readonly object _gate = new();
    private readonly Pairing?[] _ring;
    private int _head;
    private int _count;
    private bool _completed;

    public BoardAssignmentQueue(int capacity)
    {
        _ring = new Pairing?[capacity];
    }

    public void Enqueue(Pairing pairing)
    {
        lock (_gate)
        {
            while (_count == _ring.Length && !_completed)
            {
                Monitor.Wait(_gate);
            }

            if (_completed)
            {
                throw new InvalidOperationException("The round has already been closed.");
            }

            _ring[(_head + _count) % _ring.Length] = pairing;
            _count++;
            Monitor.PulseAll(_gate);
        }
    }

    public bool TryDequeue(TimeSpan timeout, out Pairing? pairing)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_count == 0)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (_completed || remaining <= TimeSpan.Zero || !Monitor.Wait(_gate, remaining))
                {
                    if (_count == 0)
                    {
                        pairing = null;
                        return false;
                    }
                }
            }

            pairing = _ring[_head];
            _ring[_head] = null;
            _count--;
            Monitor.PulseAll(_gate);
        }

        _head = (_head + 1) % _ring.Length;
        return true;
    }

    public void CompleteRound()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }
}

/// <summary>One arbiter tablet: pulls boards and announces them.</summary>
public sealed class ArbiterTablet
{
    private readonly BoardAssignmentQueue _queue;
    private readonly Action<string, Pairing> _announce;

    public ArbiterTablet(BoardAssignmentQueue queue, Action<string, Pairing> announce)
    {
        _queue = queue;
        _announce = announce;
    }

    public Task RunAsync(string arbiter, CancellationToken ct) => Task.Factory.StartNew(() =>
    {
        while (!ct.IsCancellationRequested)
        {
            if (_queue.TryDequeue(TimeSpan.FromSeconds(1), out var pairing) && pairing is not null)
            {
                _announce(arbiter, pairing);
            }
        }
    }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
