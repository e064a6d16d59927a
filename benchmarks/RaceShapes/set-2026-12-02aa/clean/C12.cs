namespace Blind27.Planetarium.Seating;

/// <summary>
/// Seat map for one planetarium show. Holding a seat may call the payment provider.
/// Registered as a singleton and used by the kiosk, box office and web shop concurrently.
/// </summary>
public sealed class ShowSeatMap
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _rows;
    private readonly int _seatsPerRow;

    public ShowSeatMap(int rows, int seatsPerRow)
    {
        _rows = rows;
        _seatsPerRow = seatsPerRow;
    }

    public async Task<bool> TryHoldAsync(IReadOnlyCollection<string> seats, Func<CancellationToken, Task<bool>> authorisePayment, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (seats.Any(_taken.Contains))
            {
                return false;
            }

            if (!await authorisePayment(ct).ConfigureAwait(false))
            {
                return false;
            }

            foreach (var seat in seats)
            {
                _taken.Add(seat);
            }

            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReleaseAsync(IEnumerable<string> seats)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var seat in seats)
            {
                _taken.Remove(seat);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> FreeSeatsAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _rows * _seatsPerRow - _taken.Count;
        }
        finally
        {
            _gate.Release();
        }
    }
}
