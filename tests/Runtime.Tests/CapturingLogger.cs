using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Forklift.Runtime.Tests;

/// <summary>Keeps every line the pool logs, as "Level: message".</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");

    /// <summary>Waits until <paramref name="count"/> lines contain <paramref name="text"/>; fails the test after <paramref name="limit"/>.</summary>
    public async Task WaitForAsync(string text, int count, TimeSpan limit)
    {
        var elapsed = Stopwatch.StartNew();
        while (Count(text) < count)
        {
            Assert.True(elapsed.Elapsed < limit, $"Waited {limit} for {count} log lines containing '{text}'; got {Count(text)}.");
            await Task.Delay(20);
        }
    }

    private int Count(string text) => _lines.Count(line => line.Contains(text, StringComparison.Ordinal));
}
