namespace Concerts.Seating;

public readonly record struct SeatId(string Section, char Row, int Number);

/// <summary>
/// Seat map for one performance. Box office terminals and the online sales service
/// reserve seats concurrently; the seating chart view enumerates it.
/// </summary>
public sealed class SeatMap
{
    private readonly object _sync = new();
    private readonly Dictionary<SeatId, string?> _holders = new();
    private int _sold;

    public SeatMap(IEnumerable<SeatId> seats)
    {
        foreach (var seat in seats)
        {
            _holders[seat] = null;
        }
    }

    public bool TryReserve(IReadOnlyCollection<SeatId> seats, string orderId)
    {
        lock (_sync)
        {
            if (!AllAvailable(seats))
            {
                return false;
            }

            foreach (var seat in seats)
            {
                _holders[seat] = orderId;
            }

            _sold += seats.Count;
            return true;
        }
    }

    public int Release(string orderId)
    {
        lock (_sync)
        {
            var seats = _holders.Where(kv => kv.Value == orderId).Select(kv => kv.Key).ToList();
            foreach (var seat in seats)
            {
                _holders[seat] = null;
            }

            _sold -= seats.Count;
            return seats.Count;
        }
    }

    public IReadOnlyList<SeatId> Available(string section)
    {
        lock (_sync)
        {
            return _holders.Where(kv => kv.Value is null && kv.Key.Section == section)
                .Select(kv => kv.Key)
                .OrderBy(s => s.Row).ThenBy(s => s.Number)
                .ToList();
        }
    }

    public int Sold
    {
        get
        {
            lock (_sync)
            {
                return _sold;
            }
        }
    }

    private bool AllAvailable(IEnumerable<SeatId> seats)
    {
        foreach (var seat in seats)
        {
            if (!_holders.TryGetValue(seat, out var holder) || holder is not null)
            {
                return false;
            }
        }

        return true;
    }
}
