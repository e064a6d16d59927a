using Microsoft.Extensions.Logging;

namespace Forklift.Orleans.Tests;

/// <summary>
/// Keeps the test host's last warnings (with their times) so that a cluster that fails to form can say what this side
/// saw: a node's output alone cannot tell a silent primary from a node whose requests are lost.
/// </summary>
internal sealed class RecentLog : ILoggerProvider
{
    private const int Capacity = 200;
    private readonly Queue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The kept lines, oldest first, and the thread pool's numbers now (starvation shows as a queue).</summary>
    public string Describe()
    {
        string kept;
        lock (_lines)
        {
            kept = _lines.Count == 0 ? "(none)" : string.Join('\n', _lines);
        }

        return $"Test host: thread pool {ThreadPool.ThreadCount} threads, {ThreadPool.PendingWorkItemCount} queued work items; load average {LoadAverage()}. Its last warnings:\n{kept}";
    }

    public void Dispose()
    {
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private void Add(string line)
    {
        lock (_lines)
        {
            if (_lines.Count == Capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    private sealed class Logger(RecentLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                string error = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
                log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{error}");
            }
        }
    }
}
