using System.Threading.Channels;

namespace Billing.Invoices;

public sealed record InvoiceCommand(string InvoiceId, decimal Amount, string Currency);

public interface IInvoiceService
{
    Task PostAsync(InvoiceCommand command, CancellationToken ct);
}

public sealed record ConsumerSummary(int Succeeded, IReadOnlyList<string> FailedInvoiceIds);

/// <summary>
/// Drains invoice commands from a channel with several concurrent workers
/// and returns a summary once the writer has completed the channel.
/// </summary>
public sealed class InvoiceWorkerPool
{
    private readonly Channel<InvoiceCommand> _channel = Channel.CreateUnbounded<InvoiceCommand>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly IInvoiceService _service;

    public InvoiceWorkerPool(IInvoiceService service) => _service = service;

    public ChannelWriter<InvoiceCommand> Writer => _channel.Writer;

    public async Task<ConsumerSummary> RunAsync(int workers, CancellationToken ct)
    {
        var tasks = Enumerable.Range(0, workers)
            .Select(_ => Task.Run(() => WorkAsync(ct), ct))
            .ToArray();

        var results = await Task.WhenAll(tasks).ConfigureAwait(false);

        int succeeded = 0;
        var failed = new List<string>();
        foreach (var (ok, failures) in results)
        {
            succeeded += ok;
            failed.AddRange(failures);
        }

        return new ConsumerSummary(succeeded, failed);
    }

    private async Task<(int Succeeded, List<string> Failed)> WorkAsync(CancellationToken ct)
    {
        int succeeded = 0;
        var failed = new List<string>();

        await foreach (var command in _channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await _service.PostAsync(command, ct).ConfigureAwait(false);
                succeeded++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.Error.WriteLine($"Invoice {command.InvoiceId} failed: {ex.Message}");
                failed.Add(command.InvoiceId);
            }
        }

        return (succeeded, failed);
    }
}
