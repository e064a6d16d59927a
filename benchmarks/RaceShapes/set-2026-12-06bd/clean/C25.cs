namespace Blind56.ShoeRepair.Diagnostics;

public sealed record RepairContext(string CorrelationId, string ShopId, string? TicketId);

/// <summary>
/// Carries the current request's correlation details through the shoe repair
/// booking service so that log lines written deep inside can be tied back to a
/// till or web request.
/// </summary>
public static class RepairScope
{
    private static readonly AsyncLocal<RepairContext?> CurrentContext = new();

    public static RepairContext? Current => CurrentContext.Value;

    public static IDisposable Begin(string shopId, string? ticketId = null)
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = new RepairContext(Guid.NewGuid().ToString("N")[..12], shopId, ticketId);
        return new Restore(previous);
    }

    public static IDisposable WithTicket(string ticketId)
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = previous is null
            ? new RepairContext(Guid.NewGuid().ToString("N")[..12], "unknown", ticketId)
            : previous with { TicketId = ticketId };
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly RepairContext? _previous;

        public Restore(RepairContext? previous) => _previous = previous;

        public void Dispose() => CurrentContext.Value = _previous;
    }
}

public sealed class RepairLog
{
    private readonly Action<string> _sink;

    public RepairLog(Action<string> sink) => _sink = sink;

    public void Write(string message)
    {
        var ctx = RepairScope.Current;
        _sink(ctx is null
            ? message
            : $"[{ctx.CorrelationId} shop={ctx.ShopId} ticket={ctx.TicketId ?? "-"}] {message}");
    }
}

public sealed class ResoleBookingService
{
    private readonly RepairLog _log;

    public ResoleBookingService(RepairLog log) => _log = log;

    public async Task<int> BookBatchAsync(string shopId, IReadOnlyList<string> ticketIds, CancellationToken ct)
    {
        using var scope = RepairScope.Begin(shopId);
        _log.Write($"Booking {ticketIds.Count} resoles");

        var bookings = ticketIds.Select(async ticketId =>
        {
            using var ticketScope = RepairScope.WithTicket(ticketId);
            await Task.Delay(10, ct).ConfigureAwait(false);
            _log.Write("Slot reserved at the bench");
            return 1;
        });

        int[] done = await Task.WhenAll(bookings).ConfigureAwait(false);
        _log.Write("Batch booked");
        return done.Sum();
    }
}
