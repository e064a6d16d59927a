namespace Blind51.EscapeRooms.Clues;

public sealed record Clue(string Room, string Text, TimeSpan GameClock);

/// <summary>
/// A bounded queue of clues from the game master's console to a room's display. The console
/// blocks when the display has fallen behind; the display thread blocks while there is
/// nothing to show.
/// </summary>
public sealed class ClueQueue
{
    private readonly object _monitor = new();
    private readonly Queue<Clue> _clues = new();
    private readonly int _capacity;
    private bool _closed;

    public ClueQueue(int capacity) => _capacity = capacity;

    public bool Send(Clue clue, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (_clues.Count >= _capacity && !_closed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
                    return false;
            }

            if (_closed) return false;
            _clues.Enqueue(clue);
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public bool TryTake(out Clue? clue)
    {
        lock (_monitor)
        {
            while (_clues.Count == 0 && !_closed)
                Monitor.Wait(_monitor);

            if (_clues.Count == 0)
            {
                clue = null;
                return false;
            }

            clue = _clues.Dequeue();
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

/// <summary>
/// The room's wall display, which shows clues on its own thread.
/// </summary>
public sealed class RoomDisplay
{
    private readonly ClueQueue _queue;
    private readonly Action<string> _show;
    private readonly Thread _thread;
    private int _shown;

    public RoomDisplay(ClueQueue queue, Action<string> show)
    {
        _queue = queue;
        _show = show;
        _thread = new Thread(Loop) { IsBackground = true, Name = "room-display" };
    }

    public void Start() => _thread.Start();

    /// <summary>Waits for the display thread to finish and returns how many clues it showed.</summary>
    public int Stop()
    {
        _queue.Close();
        _thread.Join();
        return _shown;
    }

    private void Loop()
    {
        while (_queue.TryTake(out var clue))
        {
            _show($"[{clue!.GameClock:mm\\:ss}] {clue.Text}");
            _shown++;
        }
    }
}
