using System.Text;
using System.Threading.Channels;

namespace Lumber.Targets;

public readonly record struct LogEvent(DateTimeOffset Timestamp, string Level, string Category, string Message);

/// <summary>
/// File target that never blocks the caller: events are queued and written by
/// a background task. Loggers from every part of the application write to the
/// same target instance.
/// </summary>
public sealed class AsyncFileTarget : IAsyncDisposable
{
    private readonly Channel<LogEvent> _queue;
    private readonly StreamWriter _writer;
    private readonly Task _pump;
    private long _droppedEvents;

    public AsyncFileTarget(string path, int capacity = 10_000)
    {
        _queue = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8);
        _pump = Task.Run(PumpAsync);
    }

    public void Write(in LogEvent logEvent)
    {
        if (!_queue.Writer.TryWrite(logEvent))
        {
            _droppedEvents++;
        }
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                await _writer.WriteLineAsync($"{e.Timestamp:O} [{e.Level}] {e.Category}: {e.Message}").ConfigureAwait(false);
            }

            long dropped = Interlocked.Exchange(ref _droppedEvents, 0);
            if (dropped > 0)
            {
                await _writer.WriteLineAsync($"{DateTimeOffset.UtcNow:O} [WARN] Lumber: {dropped} events dropped (queue full)").ConfigureAwait(false);
            }

            await _writer.FlushAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}

public sealed class Logger
{
    private readonly string _category;
    private readonly AsyncFileTarget _target;

    public Logger(string category, AsyncFileTarget target)
    {
        _category = category;
        _target = target;
    }

    public void Info(string message) => _target.Write(new LogEvent(DateTimeOffset.UtcNow, "INFO", _category, message));

    public void Error(string message) => _target.Write(new LogEvent(DateTimeOffset.UtcNow, "ERROR", _category, message));
}
