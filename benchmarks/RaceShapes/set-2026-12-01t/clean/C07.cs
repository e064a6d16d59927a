namespace ElevatorService.Tickets;

public enum TicketState { Open, Assigned, Resolved }

public sealed class MaintenanceTicket
{
    public required int Id { get; init; }
    public required string Building { get; init; }
    public required string LiftCode { get; init; }
    public required string Fault { get; init; }
    public TicketState State { get; set; }
    public string? Technician { get; set; }
}

public interface ITicketArchive
{
    Task SaveAsync(MaintenanceTicket ticket, CancellationToken ct);
}

/// <summary>
/// Dispatch board for lift maintenance tickets. A singleton used by the
/// call-centre API, the technician app endpoints and the SLA checker.
/// </summary>
public sealed class TicketBoard
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly Dictionary<int, MaintenanceTicket> _tickets = new();
    private readonly ITicketArchive _archive;
    private int _nextId = 1;

    public TicketBoard(ITicketArchive archive) => _archive = archive;

    public async Task<int> OpenAsync(string building, string liftCode, string fault, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            var ticket = new MaintenanceTicket { Id = _nextId++, Building = building, LiftCode = liftCode, Fault = fault };
            _tickets.Add(ticket.Id, ticket);
            await _archive.SaveAsync(ticket, ct);
            return ticket.Id;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<bool> AssignAsync(int id, string technician, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            if (!_tickets.TryGetValue(id, out var ticket) || ticket.State != TicketState.Open)
            {
                return false;
            }
            ticket.State = TicketState.Assigned;
            ticket.Technician = technician;
            await _archive.SaveAsync(ticket, ct);
            return true;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<bool> ResolveAsync(int id, CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            if (!_tickets.Remove(id, out var ticket))
            {
                return false;
            }
            ticket.State = TicketState.Resolved;
            await _archive.SaveAsync(ticket, ct);
            return true;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<IReadOnlyList<(int Id, string Building, TicketState State)>> ListOpenAsync(CancellationToken ct)
    {
        await _mutex.WaitAsync(ct);
        try
        {
            return _tickets.Values.Select(t => (t.Id, t.Building, t.State)).ToList();
        }
        finally
        {
            _mutex.Release();
        }
    }
}
