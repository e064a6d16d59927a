using System.Collections.Concurrent;

namespace Contoso.Logging.Targets.Console;

public enum ConsoleLogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}

/// <summary>
/// Console log target that never blocks the caller: lines are queued and a dedicated thread
/// prints them. When the queue is full new lines are discarded and counted.
/// </summary>
public sealed class AsyncConsoleTarget : IDisposable
{
    private readonly BlockingCollection<(ConsoleLogLevel Level, string Text)> _queue;
    private readonly Thread _printer;
    private readonly TextWriter _output;
    private long _printed;
    private long _discarded;

    public AsyncConsoleTarget(TextWriter? output = null, int capacity = 4096)
    {
        _output = output ?? System.Console.Out;
        _queue = new BlockingCollection<(ConsoleLogLevel, string)>(capacity);
        _printer = new Thread(PrintLoop) { IsBackground = true, Name = "console-log-printer" };
        _printer.Start();
    }

    public long PrintedCount => Interlocked.Read(ref _printed);

    public long DiscardedCount => Interlocked.Read(ref _discarded);

    public void Log(ConsoleLogLevel level, string text)
    {
        bool queued;
        try
        {
            queued = _queue.TryAdd((level, text));
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (!queued)
        {
            Interlocked.Increment(ref _discarded);
        }
    }

    private void PrintLoop()
    {
        foreach (var (level, text) in _queue.GetConsumingEnumerable())
        {
            var prefix = level switch
            {
                ConsoleLogLevel.Debug => "dbug",
                ConsoleLogLevel.Info => "info",
                ConsoleLogLevel.Warn => "warn",
                _ => "fail",
            };

            _output.WriteLine($"{prefix}: {text}");
            Interlocked.Increment(ref _printed);
        }

        _output.Flush();
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _printer.Join();
    }
}
