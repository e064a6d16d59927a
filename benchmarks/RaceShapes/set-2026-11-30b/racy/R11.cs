namespace Blind2.R11;

public enum CircuitState
{
    Closed,
    Open,
}

public readonly record struct CircuitSnapshot(CircuitState State, int ConsecutiveFailures, DateTime OpenedUtc);

public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(DateTime retryAfterUtc)
        : base($"Circuit is open until {retryAfterUtc:O}.") => RetryAfterUtc = retryAfterUtc;

    public DateTime RetryAfterUtc { get; }
}

/// <summary>
/// Circuit breaker in front of the payment gateway. A single instance guards
/// the gateway for the whole process, so every checkout request runs through
/// <see cref="ExecuteAsync{T}"/>.
/// </summary>
public sealed class GatewayCircuitBreaker
{
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private CircuitSnapshot _snapshot = new(CircuitState.Closed, 0, DateTime.MinValue);

    public GatewayCircuitBreaker(int failureThreshold = 5, TimeSpan? breakDuration = null)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration ?? TimeSpan.FromSeconds(30);
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot.State == CircuitState.Open && DateTime.UtcNow - snapshot.OpenedUtc < _breakDuration)
            throw new CircuitOpenException(snapshot.OpenedUtc + _breakDuration);

        try
        {
            var result = await action(ct).ConfigureAwait(false);
            if (snapshot.ConsecutiveFailures != 0 || snapshot.State != CircuitState.Closed)
                _snapshot = new CircuitSnapshot(CircuitState.Closed, 0, DateTime.MinValue);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not CircuitOpenException)
        {
            RecordFailure();
            throw;
        }
    }

    private void RecordFailure()
    {
        var current = _snapshot;
        var failures = current.ConsecutiveFailures + 1;

        _snapshot = failures >= _failureThreshold
            ? new CircuitSnapshot(CircuitState.Open, failures, DateTime.UtcNow)
            : current with { ConsecutiveFailures = failures };
    }
}

public sealed class PaymentService
{
    private readonly GatewayCircuitBreaker _breaker;
    private readonly HttpClient _gateway;

    public PaymentService(GatewayCircuitBreaker breaker, HttpClient gateway)
    {
        _breaker = breaker;
        _gateway = gateway;
    }

    public Task<string> AuthorizeAsync(string orderId, decimal amount, CancellationToken ct)
        => _breaker.ExecuteAsync(async token =>
        {
            using var content = new StringContent($"{{\"order\":\"{orderId}\",\"amount\":{amount}}}");
            using var response = await _gateway.PostAsync("authorize", content, token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
        }, ct);
}
