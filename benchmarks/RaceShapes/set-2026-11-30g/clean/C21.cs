namespace Observability.Correlation;

/// <summary>
/// Ambient correlation id that flows with the async call chain, so log lines written
/// deep inside a request can be tied back to it.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current => s_current.Value;

    public static IDisposable Begin(string? correlationId = null)
    {
        var previous = s_current.Value;
        s_current.Value = correlationId ?? Guid.NewGuid().ToString("N");
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;

        public Scope(string? previous) => _previous = previous;

        public void Dispose() => s_current.Value = _previous;
    }
}

public static class RequestLog
{
    public static void Info(string message) =>
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{CorrelationContext.Current ?? "-"}] {message}");
}

/// <summary>Processes a batch of incoming requests concurrently, each with its own id.</summary>
public sealed class RequestBatchProcessor
{
    private readonly HttpClient _http;

    public RequestBatchProcessor(HttpClient http) => _http = http;

    public Task ProcessAllAsync(IEnumerable<(string RequestId, Uri Target)> requests, CancellationToken ct) =>
        Task.WhenAll(requests.Select(r => ProcessAsync(r.RequestId, r.Target, ct)));

    private async Task ProcessAsync(string requestId, Uri target, CancellationToken ct)
    {
        using var _ = CorrelationContext.Begin(requestId);
        RequestLog.Info($"fetching {target}");

        try
        {
            using var response = await _http.GetAsync(target, ct).ConfigureAwait(false);
            RequestLog.Info($"status {(int)response.StatusCode}");
            await AuditAsync(target, response.IsSuccessStatusCode).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            RequestLog.Info($"failed: {ex.Message}");
        }
    }

    private static async Task AuditAsync(Uri target, bool ok)
    {
        await Task.Yield();
        RequestLog.Info($"audit {target.Host} ok={ok}");
    }
}
