using System.Collections.Concurrent;

namespace Observability.Correlation;

/// <summary>
/// Flows a correlation id through async calls so log lines written anywhere
/// in a request can be tied back to it.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? CurrentId => s_current.Value;

    public static IDisposable Begin(string correlationId)
    {
        var previous = s_current.Value;
        s_current.Value = correlationId;
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;

        public Scope(string? previous) => _previous = previous;

        public void Dispose() => s_current.Value = _previous;
    }
}

/// <summary>
/// Logger that stamps every entry with the ambient correlation id. Entries
/// go to a concurrent queue drained by the shipping agent.
/// </summary>
public sealed class CorrelatedLogger
{
    private readonly ConcurrentQueue<string> _entries = new();

    public void Info(string message) =>
        _entries.Enqueue($"{DateTime.UtcNow:O} [{CorrelationContext.CurrentId ?? "-"}] {message}");

    public IEnumerable<string> Drain()
    {
        while (_entries.TryDequeue(out var entry))
        {
            yield return entry;
        }
    }
}

public sealed class InvoiceBatchService
{
    private readonly CorrelatedLogger _logger;
    private readonly Func<int, Task<decimal>> _calculate;

    public InvoiceBatchService(CorrelatedLogger logger, Func<int, Task<decimal>> calculate)
    {
        _logger = logger;
        _calculate = calculate;
    }

    public async Task<decimal> RunBatchAsync(IReadOnlyList<int> customerIds)
    {
        var totals = await Task.WhenAll(customerIds.Select(ProcessCustomerAsync)).ConfigureAwait(false);
        return totals.Sum();
    }

    private async Task<decimal> ProcessCustomerAsync(int customerId)
    {
        using (CorrelationContext.Begin($"invoice-{customerId}"))
        {
            _logger.Info("Calculating invoice");
            await Task.Yield();
            var total = await _calculate(customerId).ConfigureAwait(false);
            _logger.Info($"Invoice total {total:F2}");
            return total;
        }
    }
}
