namespace Storage.Maintenance;

public interface ITempFileStore
{
    IEnumerable<(string Path, DateTime LastWriteUtc, long Length)> List();
    void Delete(string path);
}

/// <summary>
/// Deletes expired temp files. The timer is one-shot and is re-armed at the end of
/// each sweep, so the next sweep is scheduled only after the current one finishes.
/// </summary>
public sealed class TempFileSweeper : IDisposable
{
    private readonly ITempFileStore _store;
    private readonly TimeSpan _maxAge;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private readonly Dictionary<string, int> _deleteFailures = new(StringComparer.Ordinal);
    private long _sweepCount;
    private long _bytesReclaimed;
    private volatile bool _disposed;

    public TempFileSweeper(ITempFileStore store, TimeSpan maxAge, TimeSpan interval)
    {
        _store = store;
        _maxAge = maxAge;
        _interval = interval;
        _timer = new Timer(Sweep, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start() => _timer.Change(_interval, Timeout.InfiniteTimeSpan);

    private void Sweep(object? state)
    {
        try
        {
            var cutoff = DateTime.UtcNow - _maxAge;
            long reclaimed = 0;

            foreach (var (path, lastWrite, length) in _store.List())
            {
                if (lastWrite >= cutoff)
                    continue;

                try
                {
                    _store.Delete(path);
                    _deleteFailures.Remove(path);
                    reclaimed += length;
                }
                catch (IOException ex)
                {
                    _deleteFailures.TryGetValue(path, out var count);
                    _deleteFailures[path] = count + 1;
                    if (count + 1 == 3)
                        Console.Error.WriteLine($"Giving up on {path} for now: {ex.Message}");
                }
            }

            _sweepCount++;
            _bytesReclaimed += reclaimed;
            Console.WriteLine($"sweep #{_sweepCount}: reclaimed {reclaimed} bytes ({_bytesReclaimed} total)");
        }
        finally
        {
            if (!_disposed)
            {
                try
                {
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
