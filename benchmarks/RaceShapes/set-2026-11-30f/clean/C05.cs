using System.Text;

namespace Lumberjack.Sinks;

public readonly record struct LogLine(DateTime TimestampUtc, string Level, string Text);

/// <summary>
/// Rolling file sink. Producers append to an in-memory buffer; a background
/// task swaps the buffer out and writes it to disk every 500 ms.
/// </summary>
public sealed class RollingFileSink : IAsyncDisposable
{
    private readonly object _bufferLock = new();
    private readonly SemaphoreSlim _fileLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly string _directory;
    private readonly Task _pump;
    private List<LogLine> _buffer = new();

    public RollingFileSink(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        _pump = Task.Run(PumpAsync);
    }

    public void Emit(LogLine line)
    {
        lock (_bufferLock)
        {
            _buffer.Add(line);
        }
    }

    public async Task FlushAsync()
    {
        List<LogLine> batch;
        lock (_bufferLock)
        {
            if (_buffer.Count == 0)
            {
                return;
            }

            batch = _buffer;
            _buffer = new List<LogLine>(batch.Count);
        }

        var text = new StringBuilder();
        foreach (var line in batch)
        {
            text.Append(line.TimestampUtc.ToString("HH:mm:ss.fff"))
                .Append(" [").Append(line.Level).Append("] ")
                .AppendLine(line.Text);
        }

        await _fileLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var path = Path.Combine(_directory, $"app-{DateTime.UtcNow:yyyyMMdd}.log");
            await File.AppendAllTextAsync(path, text.ToString()).ConfigureAwait(false);
        }
        finally
        {
            _fileLock.Release();
        }
    }

    private async Task PumpAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        await _pump.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
        _shutdown.Dispose();
        _fileLock.Dispose();
    }
}
