using System.Text;

namespace Blind63.OrganBuilders.Workshop;

/// <summary>
/// Buffered log sink for the workshop's humidity and temperature loggers.
/// Writes from any thread land in an in-memory buffer; a background loop
/// swaps the buffer out and appends it to the day's file.
/// </summary>
public sealed class WorkshopClimateLog : IAsyncDisposable
{
    private readonly string _directory;
    private readonly object _gate = new();
    private StringBuilder _buffer = new();
    private StringBuilder _spare = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flushLoop;
    private long _linesWritten;

    public WorkshopClimateLog(string directory)
    {
        _directory = directory;
        _flushLoop = Task.Run(() => FlushLoopAsync(_stop.Token));
    }

    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    public void Write(string logger, double humidityPercent, double celsius)
    {
        string line = $"{DateTimeOffset.UtcNow:O}\t{logger}\t{humidityPercent:F1}\t{celsius:F1}";
        lock (_gate)
        {
            _buffer.AppendLine(line);
        }
    }

    private async Task FlushLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
        await FlushAsync();
    }

    // Called by the flush loop every few seconds and once more on shutdown.
    private async Task FlushAsync()
    {
        StringBuilder toWrite;
        lock (_gate)
        {
            if (_buffer.Length == 0)
            {
                return;
            }
            toWrite = _buffer;
            _buffer = _spare;
        }

        string text = toWrite.ToString();
        string path = Path.Combine(_directory, $"climate-{DateTime.UtcNow:yyyyMMdd}.tsv");
        await File.AppendAllTextAsync(path, text);
        Interlocked.Add(ref _linesWritten, text.Count(c => c == '\n'));

        toWrite.Clear();
        lock (_gate)
        {
            _spare = toWrite;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _flushLoop;
        _stop.Dispose();
    }
}
