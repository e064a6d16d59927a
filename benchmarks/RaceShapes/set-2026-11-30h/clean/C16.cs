namespace Blind8.Metrics.Sizes;

public sealed record PayloadSizeSummary(long Count, long TotalBytes, long MinBytes, long MaxBytes)
{
    public double AverageBytes => Count == 0 ? 0 : (double)TotalBytes / Count;
}

/// <summary>
/// Tracks request/response payload sizes for a single API operation. Recorded
/// by the logging middleware on every request and read by the metrics scraper.
/// </summary>
public sealed class PayloadSizeRecorder
{
    private long _count;
    private long _totalBytes;
    private long _minBytes = long.MaxValue;
    private long _maxBytes;

    public void Record(long bytes)
    {
        if (bytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes));
        }

        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _totalBytes, bytes);
        UpdateMax(bytes);
        UpdateMin(bytes);
    }

    public PayloadSizeSummary Summarize()
    {
        var count = Interlocked.Read(ref _count);
        var min = Interlocked.Read(ref _minBytes);
        return new PayloadSizeSummary(
            count,
            Interlocked.Read(ref _totalBytes),
            min == long.MaxValue ? 0 : min,
            Interlocked.Read(ref _maxBytes));
    }

    private void UpdateMax(long bytes)
    {
        var current = Interlocked.Read(ref _maxBytes);
        while (bytes > current)
        {
            var observed = Interlocked.CompareExchange(ref _maxBytes, bytes, current);
            if (observed == current)
            {
                return;
            }

            current = observed;
        }
    }

    private void UpdateMin(long bytes)
    {
        var current = Interlocked.Read(ref _minBytes);
        while (bytes < current)
        {
            var observed = Interlocked.CompareExchange(ref _minBytes, bytes, current);
            if (observed == current)
            {
                return;
            }

            current = observed;
        }
    }
}

public sealed class PayloadSizeMiddleware
{
    private readonly PayloadSizeRecorder _requests = new();
    private readonly PayloadSizeRecorder _responses = new();

    public void OnRequest(long? contentLength)
    {
        if (contentLength is { } length)
        {
            _requests.Record(length);
        }
    }

    public void OnResponse(long bytesWritten) => _responses.Record(bytesWritten);

    public (PayloadSizeSummary Requests, PayloadSizeSummary Responses) Summaries() =>
        (_requests.Summarize(), _responses.Summarize());
}
