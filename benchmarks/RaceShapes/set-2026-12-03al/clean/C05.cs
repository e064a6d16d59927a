namespace Blind38.Circus.BigTop;

public sealed record Act(string Name, string Troupe, TimeSpan Duration, bool NeedsRigging);

/// <summary>
/// Ring-side cue queue. The ringmaster's console enqueues acts; the stage crew threads
/// take the next act when the ring is clear. Capacity is limited to what the wings hold.
/// </summary>
public sealed class RingCueQueue
{
    private readonly Queue<Act> _acts = new();
    private readonly object _monitor = new();
    private readonly int _capacity;
    private bool _showOver;
    private int _actsCalled;

    public RingCueQueue(int capacity)
    {
        _capacity = capacity;
    }

    public int ActsCalled
    {
        get
        {
            lock (_monitor)
            {
                return _actsCalled;
            }
        }
    }

    public void Cue(Act act)
    {
        lock (_monitor)
        {
            while (_acts.Count >= _capacity && !_showOver)
            {
                Monitor.Wait(_monitor);
            }

            if (_showOver)
            {
                throw new InvalidOperationException("The show has finished.");
            }

            _acts.Enqueue(act);
            Monitor.PulseAll(_monitor);
        }
    }

    /// <summary>Blocks until an act is ready; returns false once the show is over and the wings are empty.</summary>
    public bool TryCallNext(out Act? act)
    {
        lock (_monitor)
        {
            while (_acts.Count == 0 && !_showOver)
            {
                Monitor.Wait(_monitor);
            }

            if (_acts.Count == 0)
            {
                act = null;
                return false;
            }

            act = _acts.Dequeue();
            _actsCalled++;
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public void EndShow()
    {
        lock (_monitor)
        {
            _showOver = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

/// <summary>A stage crew member who sets the ring for each act in turn.</summary>
public sealed class StageCrew
{
    private readonly RingCueQueue _queue;
    private readonly Action<Act> _perform;

    public StageCrew(RingCueQueue queue, Action<Act> perform)
    {
        _queue = queue;
        _perform = perform;
    }

    public Thread StartShift(string name)
    {
        var thread = new Thread(() =>
        {
            while (_queue.TryCallNext(out var act))
            {
                _perform(act!);
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }
}
