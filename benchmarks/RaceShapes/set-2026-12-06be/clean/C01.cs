namespace Blind57.Lighthouse.Visitors;

/// <summary>
/// Counts visitors climbing the lighthouse tower per minute over the last hour.
/// Registered as a singleton: the ticket gate calls <see cref="RecordEntry"/> and the
/// display board in the keeper's cottage reads <see cref="EntriesLastHour"/>.
/// </summary>
public sealed class TowerVisitorWindow : IDisposable
{
    private const int Slots = 60;

    private readonly int[] _slots = new int[Slots];
    private readonly object _gate = new();
    private readonly Timer _tick;
    private int _head;
    private int _total;
    private bool _disposed;

    public TowerVisitorWindow()
    {
        _tick = new Timer(_ => Advance(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public void RecordEntry(int people = 1)
    {
        if (people <= 0) return;

        lock (_gate)
        {
            _slots[_head] += people;
            _total += people;
        }
    }

    public int EntriesLastHour
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Entries per minute, most recent first, for the bar chart on the board.</summary>
    public int[] PerMinute()
    {
        lock (_gate)
        {
            var copy = new int[Slots];
            for (int i = 0; i < Slots; i++)
            {
                copy[i] = _slots[(_head - i + Slots) % Slots];
            }
            return copy;
        }
    }

    /// <summary>The tower holds at most 25 people; the gate closes when the last 20 minutes are busy.</summary>
    public bool ShouldHoldQueue()
    {
        var perMinute = PerMinute();
        return perMinute.Take(20).Sum() >= 25;
    }

    private void Advance()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _head = (_head + 1) % Slots;
            _total -= _slots[_head];
            _slots[_head] = 0;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        _tick.Dispose();
    }
}
