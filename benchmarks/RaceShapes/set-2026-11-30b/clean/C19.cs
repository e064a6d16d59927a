using System.Collections.Concurrent;

namespace Blind2.C19;

public sealed record LogEntry(DateTime TimestampUtc, string? CorrelationId, string Message);

/// <summary>
/// Ambient correlation id attached to log entries.
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

public sealed class InMemoryLog
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public void Write(string message)
        => _entries.Enqueue(new LogEntry(DateTime.UtcNow, CorrelationContext.CorrelationId, message));

    public IReadOnlyList<LogEntry> Drain()
    {
        var list = new List<LogEntry>();
        while (_entries.TryDequeue(out var e))
            list.Add(e);
        return list;
    }
}

public sealed class RequestProcessor
{
    private readonly InMemoryLog _log;

    public RequestProcessor(InMemoryLog log) => _log = log;

    public Task ProcessAllAsync(IEnumerable<string> requestIds)
        => Task.WhenAll(requestIds.Select(ProcessAsync));

    private async Task ProcessAsync(string requestId)
    {
        using (CorrelationContext.Begin(requestId))
        {
            _log.Write("request started");
            await Task.Delay(Random.Shared.Next(5, 25)).ConfigureAwait(false);
            _log.Write("calling downstream");
            await Task.Yield();
            _log.Write("request finished");
        }
    }
}
