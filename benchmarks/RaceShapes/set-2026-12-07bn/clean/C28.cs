using System.Text;

namespace Blind66.ClockTower.Logging;

/// <summary>Carries the tower currently being serviced through async calls, for log lines.</summary>
public static class TowerScope
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? Tower => Current.Value;

    public static IDisposable Enter(string tower)
    {
        var previous = Current.Value;
        Current.Value = tower;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly string? _previous;

        public Restore(string? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}

/// <summary>
/// Buffered log sink for the clock-winding service. Any thread may write; lines are batched
/// in memory and appended to the day's file by a timer or when the buffer fills.
/// </summary>
public sealed class WindingLogSink : IAsyncDisposable
{
    private const int FlushThreshold = 256;
    private readonly object _bufferGate = new();
    private readonly SemaphoreSlim _fileGate = new(1, 1);
    private readonly string _directory;
    private readonly Timer _timer;
    private List<string> _buffer = new();

    public WindingLogSink(string directory)
    {
        _directory = directory;
        _timer = new Timer(_ => _ = FlushAsync(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public void Write(string message)
    {
        var line = $"{DateTimeOffset.UtcNow:O} [{TowerScope.Tower ?? "-"}] {message}";
        bool flushNow;
        lock (_bufferGate)
        {
            _buffer.Add(line);
            flushNow = _buffer.Count >= FlushThreshold;
        }

        if (flushNow)
        {
            _ = FlushAsync();
        }
    }

    public async Task FlushAsync()
    {
        await _fileGate.WaitAsync().ConfigureAwait(false);
        try
        {
            List<string> batch;
            lock (_bufferGate)
            {
                if (_buffer.Count == 0)
                {
                    return;
                }

                batch = _buffer;
                _buffer = new List<string>(FlushThreshold);
            }

            var path = Path.Combine(_directory, $"winding-{DateTime.UtcNow:yyyyMMdd}.log");
            var text = new StringBuilder();
            foreach (var line in batch)
            {
                text.AppendLine(line);
            }

            await File.AppendAllTextAsync(path, text.ToString()).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Disk trouble in the tower: drop this batch rather than take the service down.
        }
        finally
        {
            _fileGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }
}
