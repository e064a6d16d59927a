using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Billing.Messaging;

public sealed record InvoiceEvent(string InvoiceId, string EventType, decimal Amount);

public interface IInvoiceEventHandler
{
    Task HandleAsync(InvoiceEvent invoiceEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Consumes invoice events from an in-memory channel with several concurrent workers and keeps
/// per-event-type counters for the admin dashboard.
/// </summary>
public sealed class InvoiceEventConsumer
{
    private readonly Channel<InvoiceEvent> _channel = Channel.CreateUnbounded<InvoiceEvent>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly ConcurrentDictionary<string, long> _handledByType = new(StringComparer.Ordinal);
    private readonly IInvoiceEventHandler _handler;
    private readonly int _workers;
    private long _failures;

    public InvoiceEventConsumer(IInvoiceEventHandler handler, int workers)
    {
        _handler = handler;
        _workers = workers;
    }

    public ChannelWriter<InvoiceEvent> Writer => _channel.Writer;

    public long Failures => Interlocked.Read(ref _failures);

    public IReadOnlyDictionary<string, long> HandledByType => new Dictionary<string, long>(_handledByType);

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var tasks = Enumerable.Range(0, _workers)
            .Select(_ => Task.Run(() => WorkAsync(cancellationToken), cancellationToken))
            .ToArray();
        return Task.WhenAll(tasks);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var evt))
            {
                try
                {
                    await _handler.HandleAsync(evt, cancellationToken).ConfigureAwait(false);
                    _handledByType.AddOrUpdate(evt.EventType, 1, static (_, n) => n + 1);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }
    }
}
