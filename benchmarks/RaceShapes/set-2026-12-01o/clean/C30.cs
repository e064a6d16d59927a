namespace Recycling.Weighbridge.Tickets;

public sealed record WeighTicket(int TicketNumber, string Registration, int GrossKg, int? TareKg, DateTime OpenedAtUtc)
{
    public int? NetKg => TareKg is { } tare ? GrossKg - tare : null;
}

/// <summary>
/// Open weighbridge tickets for the recycling centre. The ticket endpoints and the
/// background reconciliation loop both work on the same ticket book.
/// </summary>
public sealed class TicketBook
{
    private readonly object _sync = new();
    private readonly Dictionary<int, WeighTicket> _open = new();
    private int _nextTicketNumber = 1000;

    public WeighTicket OpenTicket(string registration, int grossKg)
    {
        lock (_sync)
        {
            var ticket = new WeighTicket(_nextTicketNumber++, registration.ToUpperInvariant(), grossKg, null, DateTime.UtcNow);
            _open[ticket.TicketNumber] = ticket;
            return ticket;
        }
    }

    public WeighTicket? RecordTare(int ticketNumber, int tareKg)
    {
        lock (_sync)
        {
            if (!_open.Remove(ticketNumber, out var ticket))
            {
                return null;
            }

            return ticket with { TareKg = tareKg };
        }
    }

    public IReadOnlyList<WeighTicket> OpenTickets()
    {
        lock (_sync)
        {
            return _open.Values.OrderBy(t => t.TicketNumber).ToList();
        }
    }

    public int ExpireOlderThan(DateTime cutoffUtc)
    {
        lock (_sync)
        {
            var stale = _open.Values.Where(t => t.OpenedAtUtc < cutoffUtc).Select(t => t.TicketNumber).ToList();
            foreach (var number in stale)
            {
                _open.Remove(number);
            }

            return stale.Count;
        }
    }
}

/// <summary>Hosted loop that expires tickets for vehicles that left without a tare weigh.</summary>
public sealed class StaleTicketSweeper
{
    private readonly TicketBook _book;
    private Task? _loop;
    private CancellationTokenSource? _stopping;

    public StaleTicketSweeper(TicketBook book) => _book = book;

    public int LastExpiredCount => Volatile.Read(ref _lastExpired);

    private int _lastExpired;

    public Task StartAsync(CancellationToken ct)
    {
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _loop = ExecuteAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync()
    {
        _stopping?.Cancel();
        if (_loop is not null)
        {
            try { await _loop; } catch (OperationCanceledException) { }
        }
    }

    private async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var expired = _book.ExpireOlderThan(DateTime.UtcNow.AddHours(-4));
            Volatile.Write(ref _lastExpired, expired);
        }
    }
}

/// <summary>Controller-style facade used by the kiosk and the office PC.</summary>
public sealed class TicketEndpoints
{
    private readonly TicketBook _book;

    public TicketEndpoints(TicketBook book) => _book = book;

    public WeighTicket ArriveFull(string registration, int grossKg) => _book.OpenTicket(registration, grossKg);

    public (int Status, WeighTicket? Ticket) LeaveEmpty(int ticketNumber, int tareKg)
    {
        var ticket = _book.RecordTare(ticketNumber, tareKg);
        return ticket is null ? (404, null) : (200, ticket);
    }

    public IReadOnlyList<WeighTicket> Open() => _book.OpenTickets();
}
