namespace Blind4.Clean.Diagnostics.Correlation;

/// <summary>
/// Ambient correlation id that follows the logical flow of a request across awaits, so that
/// log lines and outgoing calls can be tagged without threading an id through every method.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> s_correlationId = new();

    public static string? CurrentId => s_correlationId.Value;

    public static IDisposable BeginScope(string correlationId)
    {
        var previous = s_correlationId.Value;
        s_correlationId.Value = correlationId;
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;
        private bool _disposed;

        public Scope(string? previous) => _previous = previous;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            s_correlationId.Value = _previous;
        }
    }
}

/// <summary>
/// Processes a batch of inbound webhook deliveries concurrently, each under its own correlation id.
/// </summary>
public sealed class WebhookBatchProcessor
{
    private readonly Func<string, CancellationToken, Task> _handleDelivery;
    private readonly Action<string> _log;

    public WebhookBatchProcessor(Func<string, CancellationToken, Task> handleDelivery, Action<string> log)
    {
        _handleDelivery = handleDelivery;
        _log = log;
    }

    public Task ProcessAsync(IEnumerable<(string DeliveryId, string Body)> deliveries, CancellationToken cancellationToken)
    {
        return Task.WhenAll(deliveries.Select(d => ProcessOneAsync(d.DeliveryId, d.Body, cancellationToken)));
    }

    private async Task ProcessOneAsync(string deliveryId, string body, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using (CorrelationContext.BeginScope(deliveryId))
        {
            _log($"[{CorrelationContext.CurrentId}] received {body.Length} bytes");
            try
            {
                await _handleDelivery(body, cancellationToken).ConfigureAwait(false);
                _log($"[{CorrelationContext.CurrentId}] handled");
            }
            catch (Exception ex)
            {
                _log($"[{CorrelationContext.CurrentId}] failed: {ex.Message}");
                throw;
            }
        }
    }
}
