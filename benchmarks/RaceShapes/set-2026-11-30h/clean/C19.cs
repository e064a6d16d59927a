namespace Blind8.Logging.Correlation;

/// <summary>
/// Ambient correlation id for the current logical operation. Set by the
/// request pipeline and flowed automatically across awaits, so log lines
/// written deep inside services can be tied back to the request.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? CurrentId => s_current.Value;

    public static IDisposable Begin(string? incomingId = null)
    {
        var previous = s_current.Value;
        s_current.Value = string.IsNullOrWhiteSpace(incomingId) ? Guid.NewGuid().ToString("N") : incomingId;
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
            s_current.Value = _previous;
        }
    }
}

public sealed class CorrelatingLogger
{
    private readonly string _category;
    private readonly TextWriter _output;

    public CorrelatingLogger(string category, TextWriter output)
    {
        _category = category;
        _output = TextWriter.Synchronized(output);
    }

    public void Info(string message) =>
        _output.WriteLine($"{DateTime.UtcNow:O} [{CorrelationContext.CurrentId ?? "-"}] {_category}: {message}");
}

/// <summary>Request pipeline step that opens a correlation scope around each request.</summary>
public sealed class CorrelationMiddleware
{
    private readonly Func<IDictionary<string, string>, Task> _next;
    private readonly CorrelatingLogger _log;

    public CorrelationMiddleware(Func<IDictionary<string, string>, Task> next, CorrelatingLogger log)
    {
        _next = next;
        _log = log;
    }

    public async Task InvokeAsync(IDictionary<string, string> headers)
    {
        headers.TryGetValue("X-Correlation-ID", out var incoming);
        using (CorrelationContext.Begin(incoming))
        {
            _log.Info("request started");
            await _next(headers).ConfigureAwait(false);
            _log.Info("request finished");
        }
    }

    /// <summary>Replays a batch of recorded requests concurrently, e.g. for load tests.</summary>
    public Task ReplayAsync(IEnumerable<IDictionary<string, string>> recorded) =>
        Task.WhenAll(recorded.Select(headers => Task.Run(() => InvokeAsync(headers))));
}
