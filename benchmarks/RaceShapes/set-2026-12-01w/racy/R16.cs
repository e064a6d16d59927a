namespace Fairground.Rides.Queueing;

public sealed record QueuedGuest(Guid TicketId, string Name, int PartySize, DateTimeOffset JoinedAt);

/// <summary>
/// Virtual queue for the big wheel. Registered with AddSingleton so every Blazor Server
/// circuit (guest phones and the ride operator tablet) sees the same queue.
/// </summary>
public sealed class RideQueueState
{
    private readonly List<QueuedGuest> _queue = new();

    public event Action? Changed;

    public int Length => _queue.Count;

    public IReadOnlyList<QueuedGuest> Peek(int count) => _queue.Take(count).ToList();

    /// <summary>Called from the guest page when someone taps "Join queue".</summary>
    public QueuedGuest Join(string name, int partySize)
    {
        var guest = new QueuedGuest(Guid.NewGuid(), name, partySize, DateTimeOffset.UtcNow);
        _queue.Add(guest);
        Changed?.Invoke();
        return guest;
    }

    /// <summary>Called from the operator tablet when a gondola is loaded.</summary>
    public IReadOnlyList<QueuedGuest> BoardNext(int seats)
    {
        var boarded = new List<QueuedGuest>();
        while (_queue.Count > 0 && _queue[0].PartySize <= seats)
        {
            seats -= _queue[0].PartySize;
            boarded.Add(_queue[0]);
            _queue.RemoveAt(0);
        }
        if (boarded.Count > 0)
        {
            Changed?.Invoke();
        }
        return boarded;
    }

    public int PositionOf(Guid ticketId) => _queue.FindIndex(g => g.TicketId == ticketId) + 1;
}

/// <summary>Code-behind for the guest queue page component.</summary>
public sealed class GuestQueuePage : IDisposable
{
    private readonly RideQueueState _state;
    private Guid? _ticket;

    public GuestQueuePage(RideQueueState state)
    {
        _state = state;
        _state.Changed += OnQueueChanged;
    }

    public int Position { get; private set; }

    public void OnJoinClicked(string name, int partySize)
    {
        _ticket = _state.Join(name, partySize).TicketId;
        Position = _state.PositionOf(_ticket.Value);
    }

    private void OnQueueChanged()
    {
        // a real component would call InvokeAsync(StateHasChanged) here
    }

    public void Dispose() => _state.Changed -= OnQueueChanged;
}
