namespace TailorShop.Tickets;

public enum AlterationStatus { Received, Pinned, InWork, ReadyForFitting, Collected }

public sealed class AlterationTicket
{
    public AlterationTicket(int id, string customer, string garment, DateOnly due)
    {
        Id = id;
        Customer = customer;
        Garment = garment;
        Due = due;
    }

    public int Id { get; }
    public string Customer { get; }
    public string Garment { get; }
    public DateOnly Due { get; }
    public AlterationStatus Status { get; set; }
    public List<string> Notes { get; } = new();
}

public sealed record TicketView(int Id, string Customer, string Garment, AlterationStatus Status, IReadOnlyList<string> Notes);

/// <summary>
/// Ticket board for the workroom. One instance is shared by the front-counter app and
/// the seamstresses' tablets through the shop's SignalR hub; every public member is
/// called from hub invocations running in parallel.
/// </summary>
public sealed class TicketBoard
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<int, AlterationTicket> _tickets = new();
    private int _nextId = 1000;

    public int Open(string customer, string garment, DateOnly due)
    {
        _lock.EnterWriteLock();
        try
        {
            var ticket = new AlterationTicket(_nextId++, customer, garment, due);
            _tickets.Add(ticket.Id, ticket);
            return ticket.Id;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public bool SetStatus(int id, AlterationStatus status)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_tickets.TryGetValue(id, out var ticket))
                return false;
            ticket.Status = status;
            return true;
        }
        finally { _lock.ExitWriteLock(); }
    }

    public bool AddNote(int id, string note)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_tickets.TryGetValue(id, out var ticket))
                return false;
            ticket.Notes.Add($"{DateTime.Now:dd MMM HH:mm} {note}");
            return true;
        }
        finally { _lock.ExitReadLock(); }
    }

    public TicketView? Get(int id)
    {
        _lock.EnterReadLock();
        try
        {
            return _tickets.TryGetValue(id, out var t)
                ? new TicketView(t.Id, t.Customer, t.Garment, t.Status, t.Notes.ToList())
                : null;
        }
        finally { _lock.ExitReadLock(); }
    }
}
