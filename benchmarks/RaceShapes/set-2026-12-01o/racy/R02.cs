using System.Diagnostics;

namespace Archive.Digitisation.Monitoring;

/// <summary>
/// Collects throughput figures for the scanning floor. Registered as a singleton
/// in the pipeline host; every scanner station worker reports finished pages here
/// and the supervisor dashboard polls <see cref="GetSummary"/>.
/// </summary>
public sealed class ScanThroughputTracker
{
    private long _pagesToday;
    private long _bytesToday;
    private long _rejectedToday;
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    public void PageCompleted(string stationId, long imageBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(stationId);
        _pagesToday++;
        Interlocked.Add(ref _bytesToday, imageBytes);
    }

    public void PageRejected(string stationId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(stationId);
        Interlocked.Increment(ref _rejectedToday);
    }

    public ThroughputSummary GetSummary()
    {
        var pages = Interlocked.Read(ref _pagesToday);
        var bytes = Interlocked.Read(ref _bytesToday);
        var rejected = Interlocked.Read(ref _rejectedToday);
        var hours = Math.Max(_uptime.Elapsed.TotalHours, 1.0 / 60);
        return new ThroughputSummary(pages, rejected, bytes / (1024.0 * 1024.0), pages / hours);
    }
}

public sealed record ThroughputSummary(long Pages, long Rejected, double MegabytesWritten, double PagesPerHour);

public interface IScannerDevice
{
    string StationId { get; }
    byte[]? CaptureNextPage(TimeSpan timeout);
}

/// <summary>
/// One worker per physical scanner. Each runs on its own thread because the
/// vendor SDK blocks during capture.
/// </summary>
public sealed class ScannerStationWorker
{
    private readonly IScannerDevice _device;
    private readonly ScanThroughputTracker _tracker;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public ScannerStationWorker(IScannerDevice device, ScanThroughputTracker tracker)
    {
        _device = device;
        _tracker = tracker;
        _thread = new Thread(Run) { IsBackground = true, Name = $"scanner-{device.StationId}" };
    }

    public void Start() => _thread.Start();

    public void Stop()
    {
        _stopping = true;
        _thread.Join();
    }

    private void Run()
    {
        while (!_stopping)
        {
            var image = _device.CaptureNextPage(TimeSpan.FromSeconds(2));
            if (image is null)
            {
                continue;
            }

            if (image.Length < 4096)
            {
                _tracker.PageRejected(_device.StationId, "blank or truncated page");
                continue;
            }

            _tracker.PageCompleted(_device.StationId, image.Length);
        }
    }
}
