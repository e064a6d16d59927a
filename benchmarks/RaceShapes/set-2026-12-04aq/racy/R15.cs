namespace Blind43.JazzClub.Tickets;

public sealed record Ticket(string OrderKey, string Gig, int Seats, string Reference);

public interface IBoxOffice
{
    Task<Ticket> IssueAsync(string orderKey, string gig, int seats, CancellationToken ct);
}

/// <summary>
/// Makes ticket issuing idempotent: the checkout page may post the same order several times
/// (double clicks, client retries), and every post with the same key must get the same ticket.
/// Registered as a singleton in front of the box-office client.
/// </summary>
public sealed class IdempotentTicketIssuer
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Task<Ticket>> _inflight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ticket> _completed = new(StringComparer.Ordinal);
    private readonly IBoxOffice _boxOffice;

    public IdempotentTicketIssuer(IBoxOffice boxOffice) => _boxOffice = boxOffice;

    public Task<Ticket> IssueAsync(string orderKey, string gig, int seats)
    {
        if (_inflight.TryGetValue(orderKey, out var pending))
        {
            return pending;
        }

        TaskCompletionSource<Ticket> tcs;
        lock (_gate)
        {
            if (_completed.TryGetValue(orderKey, out var done))
            {
                return Task.FromResult(done);
            }

            if (_inflight.TryGetValue(orderKey, out pending))
            {
                return pending;
            }

            tcs = new TaskCompletionSource<Ticket>(TaskCreationOptions.RunContinuationsAsynchronously);
            _inflight[orderKey] = tcs.Task;
        }

        _ = IssueCoreAsync(orderKey, gig, seats, tcs);
        return tcs.Task;
    }

    private async Task IssueCoreAsync(string orderKey, string gig, int seats, TaskCompletionSource<Ticket> tcs)
    {
        try
        {
            var ticket = await _boxOffice.IssueAsync(orderKey, gig, seats, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                _completed[orderKey] = ticket;
                _inflight.Remove(orderKey);
            }

            tcs.SetResult(ticket);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _inflight.Remove(orderKey);
            }

            tcs.SetException(ex);
        }
    }
}
