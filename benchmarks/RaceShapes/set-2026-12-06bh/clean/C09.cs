namespace Blind60.RiverFerry.Tickets;

public sealed class TicketHold
{
    public TicketHold(Guid id, string passenger, DateTime expiresUtc)
    {
        Id = id;
        Passenger = passenger;
        ExpiresUtc = expiresUtc;
    }

    public Guid Id { get; }
    public string Passenger { get; }
    public DateTime ExpiresUtc { get; }
}

/// <summary>
/// Holds ferry seats while a passenger pays. A hold is released when the caller's
/// token is cancelled (browser closed, payment page timed out) or when it is confirmed.
/// </summary>
public sealed class SeatHoldRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, (TicketHold Hold, CancellationTokenRegistration Registration)> _holds = new();
    private readonly int _capacity;

    public SeatHoldRegistry(int capacity) => _capacity = capacity;

    public TicketHold? TryHold(string passenger, CancellationToken abandon)
    {
        var hold = new TicketHold(Guid.NewGuid(), passenger, DateTime.UtcNow.AddMinutes(10));
        lock (_gate)
        {
            if (_holds.Count >= _capacity)
            {
                return null;
            }
            _holds[hold.Id] = (hold, default);
        }

        var registration = abandon.Register(static s =>
        {
            var (registry, id) = ((SeatHoldRegistry, Guid))s!;
            registry.Release(id);
        }, (this, hold.Id));

        lock (_gate)
        {
            if (_holds.TryGetValue(hold.Id, out var entry))
            {
                _holds[hold.Id] = (entry.Hold, registration);
                return hold;
            }
        }

        // Already released by the callback.
        registration.Dispose();
        return null;
    }

    public bool Confirm(Guid holdId)
    {
        CancellationTokenRegistration registration;
        lock (_gate)
        {
            if (!_holds.Remove(holdId, out var entry))
            {
                return false;
            }
            registration = entry.Registration;
        }
        registration.Dispose();
        return true;
    }

    private void Release(Guid holdId)
    {
        lock (_gate)
        {
            _holds.Remove(holdId);
        }
    }

    public int Held
    {
        get { lock (_gate) return _holds.Count; }
    }
}
