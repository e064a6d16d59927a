using System.Collections.Concurrent;

namespace Blind57.IslandFerry.Logs;

public interface ILogUploader
{
    void Upload(IReadOnlyList<string> lines);
}

/// <summary>
/// Ships sailing-log lines (departures, passenger counts, weather holds) from the ferry terminals
/// to head office. Any thread may log; one dedicated thread batches and uploads.
/// </summary>
public sealed class SailingLogShipper : IDisposable
{
    private const int BatchSize = 100;

    private readonly BlockingCollection<string> _lines = new(boundedCapacity: 10_000);
    private readonly ILogUploader _uploader;
    private readonly Thread _worker;
    private readonly List<string> _batch = new(BatchSize);
    private long _dropped;
    private long _uploaded;

    public SailingLogShipper(ILogUploader uploader)
    {
        _uploader = uploader;
        _worker = new Thread(Pump) { IsBackground = true, Name = "sailing-log-shipper" };
        _worker.Start();
    }

    public long Dropped => Interlocked.Read(ref _dropped);
    public long Uploaded => Interlocked.Read(ref _uploaded);

    public void Log(string route, string message)
    {
        var line = $"{DateTimeOffset.UtcNow:O} [{route}] {message}";
        try
        {
            if (!_lines.TryAdd(line))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
        catch (InvalidOperationException)
        {
            // Shipper is shutting down.
            Interlocked.Increment(ref _dropped);
        }
    }

    private void Pump()
    {
        foreach (var line in _lines.GetConsumingEnumerable())
        {
            _batch.Add(line);
            if (_batch.Count >= BatchSize || _lines.Count == 0)
            {
                Flush();
            }
        }
        Flush();
    }

    private void Flush()
    {
        if (_batch.Count == 0) return;
        try
        {
            _uploader.Upload(_batch.ToArray());
            Interlocked.Add(ref _uploaded, _batch.Count);
        }
        catch (IOException)
        {
            Interlocked.Add(ref _dropped, _batch.Count);
        }
        _batch.Clear();
    }

    public void Dispose()
    {
        _lines.CompleteAdding();
        _worker.Join(TimeSpan.FromSeconds(10));
    }
}
