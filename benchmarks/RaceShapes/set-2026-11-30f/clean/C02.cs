namespace Telemetry.Histograms;

/// <summary>
/// Histogram of response sizes. <see cref="Record"/> is called by every
/// request thread; the Prometheus exporter calls <see cref="Collect"/>.
/// </summary>
public sealed class ResponseSizeHistogram
{
    private static readonly long[] UpperBounds =
        { 256, 1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304 };

    private readonly long[] _buckets = new long[UpperBounds.Length + 1];
    private long _count;
    private long _sum;
    private long _max;

    public void Record(long bytes)
    {
        var index = Array.BinarySearch(UpperBounds, bytes);
        if (index < 0)
        {
            index = ~index;
        }

        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, bytes);
        UpdateMax(bytes);
    }

    private void UpdateMax(long value)
    {
        var current = Interlocked.Read(ref _max);
        while (value > current)
        {
            var observed = Interlocked.CompareExchange(ref _max, value, current);
            if (observed == current)
            {
                return;
            }

            current = observed;
        }
    }

    public SizeSnapshot Collect()
    {
        var buckets = new long[_buckets.Length];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = Interlocked.Read(ref _buckets[i]);
        }

        return new SizeSnapshot(
            buckets,
            Interlocked.Read(ref _count),
            Interlocked.Read(ref _sum),
            Interlocked.Read(ref _max));
    }

    public void Reset()
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            Interlocked.Exchange(ref _buckets[i], 0);
        }

        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _sum, 0);
        Interlocked.Exchange(ref _max, 0);
    }
}

public sealed record SizeSnapshot(long[] Buckets, long Count, long Sum, long Max);

public sealed class ResponseSizeMiddleware
{
    private readonly ResponseSizeHistogram _histogram;
    private readonly Func<string, Task<byte[]>> _next;

    public ResponseSizeMiddleware(ResponseSizeHistogram histogram, Func<string, Task<byte[]>> next)
    {
        _histogram = histogram;
        _next = next;
    }

    public async Task<byte[]> InvokeAsync(string path)
    {
        var body = await _next(path).ConfigureAwait(false);
        _histogram.Record(body.LongLength);
        return body;
    }
}
