namespace Fairground.Rides.Boarding;

public sealed record WaitingParty(Guid TicketId, string Name, int Size, DateTimeOffset JoinedAt);

/// <summary>
/// Virtual queue for the swing ride. Registered with AddSingleton so every Blazor Server
/// circuit (guest phones and the operator tablet) shares it.
/// </summary>
public sealed class SwingRideQueue
{
    private readonly object _sync = new();
    private readonly List<WaitingParty> _parties = new();
    private Action? _changed;

    public event Action? Changed
    {
        add { lock (_sync) { _changed += value; } }
        remove { lock (_sync) { _changed -= value; } }
    }

    public int Length
    {
        get { lock (_sync) { return _parties.Count; } }
    }

    public WaitingParty Join(string name, int size)
    {
        var party = new WaitingParty(Guid.NewGuid(), name, size, DateTimeOffset.UtcNow);
        Action? handlers;
        lock (_sync)
        {
            _parties.Add(party);
            handlers = _changed;
        }
        handlers?.Invoke();
        return party;
    }

    public IReadOnlyList<WaitingParty> BoardNext(int seats)
    {
        var boarded = new List<WaitingParty>();
        Action? handlers;
        lock (_sync)
        {
            while (_parties.Count > 0 && _parties[0].Size <= seats)
            {
                seats -= _parties[0].Size;
                boarded.Add(_parties[0]);
                _parties.RemoveAt(0);
            }
            handlers = boarded.Count > 0 ? _changed : null;
        }
        handlers?.Invoke();
        return boarded;
    }

    public int PositionOf(Guid ticketId)
    {
        lock (_sync)
        {
            return _parties.FindIndex(p => p.TicketId == ticketId) + 1;
        }
    }

    public IReadOnlyList<WaitingParty> Peek(int count)
    {
        lock (_sync)
        {
            return _parties.Take(count).ToArray();
        }
    }
}
