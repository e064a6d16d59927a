using System.Collections.Concurrent;

namespace Diagnostics.Correlation;

public sealed record LogRecord(DateTime TimestampUtc, string? CorrelationId, string Message);

/// <summary>
/// Flows a correlation id through async calls so that every log line written while handling a
/// request carries the id of that request, even when many requests run at the same time.
/// </summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? CorrelationId => Current.Value;

    public static IDisposable Begin(string correlationId)
    {
        var previous = Current.Value;
        Current.Value = correlationId;
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;

        public Scope(string? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}

/// <summary>Collects log records in memory; shipped to the log backend by another component.</summary>
public sealed class CorrelatedLogger
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public void Log(string message) =>
        _records.Enqueue(new LogRecord(DateTime.UtcNow, CorrelationContext.CorrelationId, message));

    public IReadOnlyList<LogRecord> Drain()
    {
        var drained = new List<LogRecord>();
        while (_records.TryDequeue(out var record))
        {
            drained.Add(record);
        }

        return drained;
    }
}

/// <summary>Simplified request pipeline that opens a correlation scope per request.</summary>
public sealed class RequestPipeline
{
    private readonly CorrelatedLogger _logger;
    private readonly Func<string, CancellationToken, Task<int>> _handler;

    public RequestPipeline(CorrelatedLogger logger, Func<string, CancellationToken, Task<int>> handler)
    {
        _logger = logger;
        _handler = handler;
    }

    public async Task<int> HandleAsync(string path, string? incomingCorrelationId, CancellationToken cancellationToken)
    {
        using var scope = CorrelationContext.Begin(incomingCorrelationId ?? Guid.NewGuid().ToString("N"));
        _logger.Log($"Request started: {path}");
        try
        {
            var status = await _handler(path, cancellationToken).ConfigureAwait(false);
            _logger.Log($"Request finished: {path} -> {status}");
            return status;
        }
        catch (Exception ex)
        {
            _logger.Log($"Request failed: {path}: {ex.Message}");
            return 500;
        }
    }

    public Task<int[]> HandleManyAsync(IEnumerable<string> paths, CancellationToken cancellationToken) =>
        Task.WhenAll(paths.Select(p => HandleAsync(p, null, cancellationToken)));
}
