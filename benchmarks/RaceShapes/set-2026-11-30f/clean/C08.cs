namespace Payments.Outbox;

public sealed record PendingEvent(long Sequence, string Destination, string Body);

public interface IPendingEventStore
{
    Task<IReadOnlyList<PendingEvent>> TakeAsync(int max, CancellationToken cancellationToken);
    Task AcknowledgeAsync(IEnumerable<long> sequences, CancellationToken cancellationToken);
    Task ScheduleRetryAsync(IEnumerable<long> sequences, TimeSpan delay, CancellationToken cancellationToken);
}

public interface IEventBus
{
    Task SendAsync(string destination, string body, CancellationToken cancellationToken);
}

/// <summary>
/// Relays events written to the outbox table onto the bus. Each event is sent
/// independently; the outcome of every send is collected once all of them finish.
/// </summary>
public sealed class OutboxRelay
{
    private readonly IPendingEventStore _store;
    private readonly IEventBus _bus;

    public OutboxRelay(IPendingEventStore store, IEventBus bus)
    {
        _store = store;
        _bus = bus;
    }

    public async Task<(int Sent, int Failed)> RelayOnceAsync(CancellationToken cancellationToken)
    {
        var pending = await _store.TakeAsync(100, cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return (0, 0);
        }

        var outcomes = await Task.WhenAll(pending.Select(e => SendAsync(e, cancellationToken)))
            .ConfigureAwait(false);

        var succeeded = new List<long>();
        var failed = new List<long>();
        foreach (var (sequence, ok) in outcomes)
        {
            (ok ? succeeded : failed).Add(sequence);
        }

        if (succeeded.Count > 0)
        {
            await _store.AcknowledgeAsync(succeeded, cancellationToken).ConfigureAwait(false);
        }

        if (failed.Count > 0)
        {
            await _store.ScheduleRetryAsync(failed, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }

        return (succeeded.Count, failed.Count);
    }

    private async Task<(long Sequence, bool Ok)> SendAsync(PendingEvent pendingEvent, CancellationToken cancellationToken)
    {
        try
        {
            await _bus.SendAsync(pendingEvent.Destination, pendingEvent.Body, cancellationToken).ConfigureAwait(false);
            return (pendingEvent.Sequence, true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Console.Error.WriteLine($"Relay of event {pendingEvent.Sequence} failed: {ex.Message}");
            return (pendingEvent.Sequence, false);
        }
    }
}
