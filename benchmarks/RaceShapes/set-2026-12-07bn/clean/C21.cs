namespace Blind66.FerryTerminal.Boarding;

public enum BoardingClass
{
    Emergency = 0,
    Freight = 1,
    Resident = 2,
    Visitor = 3,
}

public sealed record Vehicle(string Registration, BoardingClass Class, int LengthMetres, DateTimeOffset CheckedInAt);

/// <summary>
/// Boarding lane queue at the ferry terminal. Check-in booths add vehicles from their own
/// threads; the loading marshal's tablet takes the next vehicle to wave on board.
/// </summary>
public sealed class BoardingQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly PriorityQueue<Vehicle, (int Class, long Sequence)> _queue = new();
    private readonly SemaphoreSlim _available = new(0);
    private long _sequence;
    private int _deckMetresRemaining;

    public BoardingQueue(int deckMetres) => _deckMetresRemaining = deckMetres;

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void CheckIn(Vehicle vehicle)
    {
        lock (_gate)
        {
            _queue.Enqueue(vehicle, ((int)vehicle.Class, _sequence++));
        }

        _available.Release();
    }

    /// <summary>Waits for the highest-priority vehicle that still fits on the car deck.</summary>
    public async Task<Vehicle?> NextToBoardAsync(CancellationToken ct)
    {
        await _available.WaitAsync(ct).ConfigureAwait(false);
        lock (_gate)
        {
            var vehicle = _queue.Dequeue();
            if (vehicle.LengthMetres > _deckMetresRemaining)
            {
                // Too long for the space left on deck: back into the lane for the next sailing.
                _queue.Enqueue(vehicle, ((int)vehicle.Class, _sequence++));
                _available.Release();
                return null;
            }

            _deckMetresRemaining -= vehicle.LengthMetres;
            return vehicle;
        }
    }

    public void NewSailing(int deckMetres)
    {
        lock (_gate)
        {
            _deckMetresRemaining = deckMetres;
        }
    }

    public void Dispose() => _available.Dispose();
}
