using System.Collections.Concurrent;

namespace Blind64.KayakHire.Payments
{
    public sealed record DepositResult(string PaymentId, decimal Amount, DateTimeOffset CapturedAt);

    public interface IDepositGateway
    {
        Task<DepositResult> CaptureAsync(string customerId, decimal amount, CancellationToken ct);
    }

    /// <summary>
    /// Makes deposit captures idempotent per client-supplied key, so a kiosk that retries
    /// after a dropped connection never charges twice. Concurrent requests with the same key
    /// share one capture. Registered as a singleton.
    /// </summary>
    public sealed class IdempotentDepositService
    {
        private readonly IDepositGateway _gateway;
        private readonly ConcurrentDictionary<string, Lazy<Task<DepositResult>>> _byKey = new(StringComparer.Ordinal);
        private readonly TimeProvider _clock;

        public IdempotentDepositService(IDepositGateway gateway, TimeProvider clock)
        {
            _gateway = gateway;
            _clock = clock;
        }

        public Task<DepositResult> CaptureOnceAsync(string idempotencyKey, string customerId, decimal amount)
        {
            var lazy = _byKey.GetOrAdd(idempotencyKey, _ => new Lazy<Task<DepositResult>>(
                () => CaptureAndForgetOnFailureAsync(idempotencyKey, customerId, amount),
                LazyThreadSafetyMode.ExecutionAndPublication));
            return lazy.Value;
        }

        private async Task<DepositResult> CaptureAndForgetOnFailureAsync(string key, string customerId, decimal amount)
        {
            try
            {
                return await _gateway.CaptureAsync(customerId, amount, CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                // Let the client retry with the same key after a failed capture.
                _byKey.TryRemove(key, out _);
                throw;
            }
        }

        public int Compact(TimeSpan keepFor)
        {
            var cutoff = _clock.GetUtcNow() - keepFor;
            var removed = 0;
            foreach (var entry in _byKey)
            {
                var task = entry.Value.IsValueCreated ? entry.Value.Value : null;
                if (task is { IsCompletedSuccessfully: true } && task.Result.CapturedAt < cutoff &&
                    _byKey.TryRemove(entry))
                {
                    removed++;
                }
            }

            return removed;
        }
    }

    public static class DepositEndpoints
    {
        public static async Task<string> Capture(IdempotentDepositService service, string key, string customerId)
        {
            var result = await service.CaptureOnceAsync(key, customerId, 40m);
            return $"{result.PaymentId}: {result.Amount:C}";
        }
    }
}
