using System.Text;
using System.Threading.Channels;

namespace Blind8.Logging.FileTarget;

public enum LogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>
/// Log target that appends to a daily rolling file without blocking callers.
/// Loggers on any thread hand entries to a bounded queue; one background task
/// owns the file handle and does all of the writing and rolling.
/// </summary>
public sealed class RollingFileLogTarget : IAsyncDisposable
{
    private readonly Channel<LogItem> _queue;
    private readonly string _directory;
    private readonly string _prefix;
    private readonly Task _writerTask;
    private long _dropped;

    // Owned by the writer task.
    private StreamWriter? _current;
    private DateOnly _currentDay;

    private readonly record struct LogItem(DateTime TimestampUtc, LogLevel Level, string Category, string Message, TaskCompletionSource? FlushSignal);

    public RollingFileLogTarget(string directory, string prefix = "app", int capacity = 10_000)
    {
        _directory = directory;
        _prefix = prefix;
        Directory.CreateDirectory(directory);

        _queue = Channel.CreateBounded<LogItem>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
            SingleWriter = false,
        });

        _writerTask = Task.Run(WriteLoopAsync);
    }

    public long DroppedEntries => Interlocked.Read(ref _dropped);

    public void Write(LogLevel level, string category, string message)
    {
        if (!_queue.Writer.TryWrite(new LogItem(DateTime.UtcNow, level, category, message, null)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Completes once everything queued before the call is on disk.</summary>
    public Task FlushAsync()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new LogItem(default, default, string.Empty, string.Empty, signal))
            ? signal.Task
            : Task.CompletedTask;
    }

    private async Task WriteLoopAsync()
    {
        var line = new StringBuilder(256);
        await foreach (var item in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item.FlushSignal is not null)
            {
                if (_current is not null)
                {
                    await _current.FlushAsync().ConfigureAwait(false);
                }

                item.FlushSignal.TrySetResult();
                continue;
            }

            var writer = GetWriterFor(DateOnly.FromDateTime(item.TimestampUtc));
            line.Clear()
                .Append(item.TimestampUtc.ToString("HH:mm:ss.fff")).Append(' ')
                .Append(item.Level.ToString().ToUpperInvariant()).Append(' ')
                .Append(item.Category).Append(": ")
                .Append(item.Message);
            await writer.WriteLineAsync(line, CancellationToken.None).ConfigureAwait(false);
        }

        if (_current is not null)
        {
            await _current.DisposeAsync().ConfigureAwait(false);
            _current = null;
        }
    }

    private StreamWriter GetWriterFor(DateOnly day)
    {
        if (_current is null || day != _currentDay)
        {
            _current?.Dispose();
            var path = Path.Combine(_directory, $"{_prefix}-{day:yyyyMMdd}.log");
            _current = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8);
            _currentDay = day;
        }

        return _current;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerTask.ConfigureAwait(false);
    }
}
