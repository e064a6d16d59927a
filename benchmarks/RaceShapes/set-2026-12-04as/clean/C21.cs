namespace Blind45.ViolinWorkshop.RepairTracking;

public enum RepairStage { Received, Assessed, InProgress, Varnishing, ReadyForCollection, Collected }

public sealed record StageChange(string TicketId, string Instrument, RepairStage From, RepairStage To, DateTimeOffset At);

/// <summary>
/// Tracks where each instrument is in the workshop. Luthiers update tickets from the
/// bench tablets; the customer SMS notifier, the front-desk board and the invoicing module
/// subscribe to stage changes.
/// </summary>
public sealed class RepairBoard
{
    private readonly object _sync = new();
    private readonly Dictionary<string, (string Instrument, RepairStage Stage)> _tickets = new();
    private readonly List<Action<StageChange>> _subscribers = new();

    public IDisposable Subscribe(Action<StageChange> handler)
    {
        lock (_sync)
        {
            _subscribers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    public void Open(string ticketId, string instrument)
    {
        lock (_sync)
        {
            _tickets[ticketId] = (instrument, RepairStage.Received);
        }
    }

    public bool Advance(string ticketId, RepairStage to)
    {
        StageChange change;
        Action<StageChange>[] subscribers;

        lock (_sync)
        {
            if (!_tickets.TryGetValue(ticketId, out var ticket) || to <= ticket.Stage)
            {
                return false;
            }

            _tickets[ticketId] = (ticket.Instrument, to);
            change = new StageChange(ticketId, ticket.Instrument, ticket.Stage, to, DateTimeOffset.UtcNow);
            subscribers = _subscribers.ToArray();
        }

        // Subscribers may call back into the board (e.g. the front desk refreshes its list).
        foreach (var subscriber in subscribers)
        {
            subscriber(change);
        }

        return true;
    }

    public IReadOnlyDictionary<string, RepairStage> Snapshot()
    {
        lock (_sync)
        {
            return _tickets.ToDictionary(kv => kv.Key, kv => kv.Value.Stage);
        }
    }

    private void Unsubscribe(Action<StageChange> handler)
    {
        lock (_sync)
        {
            _subscribers.Remove(handler);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private RepairBoard? _board;
        private readonly Action<StageChange> _handler;

        public Subscription(RepairBoard board, Action<StageChange> handler)
        {
            _board = board;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _board, null)?.Unsubscribe(_handler);
    }
}

/// <summary>Front-desk board: redraws the waiting list whenever something moves.</summary>
public sealed class FrontDeskDisplay
{
    private readonly RepairBoard _board;
    private readonly Action<string> _draw;

    public FrontDeskDisplay(RepairBoard board, Action<string> draw)
    {
        _board = board;
        _draw = draw;
        board.Subscribe(OnChange);
    }

    private void OnChange(StageChange change)
    {
        var ready = _board.Snapshot().Where(kv => kv.Value == RepairStage.ReadyForCollection).Select(kv => kv.Key);
        _draw($"Ready for collection: {string.Join(", ", ready)}");
    }
}
