using Microsoft.Extensions.Logging;

namespace Forklift.Workers;

/// <summary>The pool's logger: forwards to the user's, and keeps whatever that one throws away from the pool.</summary>
/// <remarks>
/// The pool logs from its own threads (a worker's output reader, the reading thread that reports a crash, the start
/// path). A logger that throws there (a file provider on a full disk) would end the thread and with it the
/// process, or leave a lost worker unreported so that <see cref="WorkerPool.DisposeAsync()"/> waits for ever. So a
/// throwing call is dropped; the first one is reported once on standard error.
/// </remarks>
internal sealed class ContainedLogger(ILogger inner) : ILogger
{
    private int _reported;

    public ILogger Inner => inner;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        try
        {
            return inner.BeginScope(state);
        }
        catch (Exception e)
        {
            Report(e);
            return null;
        }
    }

    public bool IsEnabled(LogLevel logLevel)
    {
        try
        {
            return inner.IsEnabled(logLevel);
        }
        catch (Exception e)
        {
            Report(e);
            return false;
        }
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        catch (Exception e)
        {
            Report(e);
        }
    }

    private void Report(Exception e)
    {
        if (Interlocked.Exchange(ref _reported, 1) != 0)
        {
            return;
        }

        try
        {
            Console.Error.WriteLine($"forklift: the WorkerPool's logger threw; its log lines are dropped from now on when it does. {e.GetType().FullName}: {e.Message}");
        }
        catch (Exception)
        {
            // Standard error is gone too: nothing left to tell.
        }
    }
}
