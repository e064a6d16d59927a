namespace Blind26.HoneyCoop.Metrics;

public readonly record struct ExtractionSnapshot(long Batches, long TotalGrams, long HeaviestBatchGrams, long RejectedFrames);

/// <summary>
/// Extraction metrics for the co-op's extractor hall. Registered as a singleton; every
/// extractor worker calls <see cref="RecordBatch"/> as soon as a batch leaves the spinner.
/// </summary>
public sealed class ExtractionMetrics
{
    private long _batches;
    private long _totalGrams;
    private long _heaviestGrams;
    private long _rejectedFrames;

    public void RecordBatch(long grams, int rejectedFrames)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _totalGrams, grams);
        if (rejectedFrames > 0)
        {
            Interlocked.Add(ref _rejectedFrames, rejectedFrames);
        }

        long current = Interlocked.Read(ref _heaviestGrams);
        while (grams > current)
        {
            long seen = Interlocked.CompareExchange(ref _heaviestGrams, grams, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }
    }

    public ExtractionSnapshot Peek() => new(
        Interlocked.Read(ref _batches),
        Interlocked.Read(ref _totalGrams),
        Interlocked.Read(ref _heaviestGrams),
        Interlocked.Read(ref _rejectedFrames));

    /// <summary>Returns the values accumulated since the previous call and resets them.</summary>
    public ExtractionSnapshot Collect() => new(
        Interlocked.Exchange(ref _batches, 0),
        Interlocked.Exchange(ref _totalGrams, 0),
        Interlocked.Exchange(ref _heaviestGrams, 0),
        Interlocked.Exchange(ref _rejectedFrames, 0));
}

public sealed record FrameBatch(string HiveId, int Frames, int Capped);

/// <summary>Runs the spinners for a day's frame delivery.</summary>
public sealed class ExtractorHall
{
    private readonly ExtractionMetrics _metrics;
    private readonly int _spinners;

    public ExtractorHall(ExtractionMetrics metrics, int spinners)
    {
        _metrics = metrics;
        _spinners = spinners;
    }

    public Task ProcessAsync(IEnumerable<FrameBatch> delivery, CancellationToken ct) =>
        Parallel.ForEachAsync(delivery, new ParallelOptions { MaxDegreeOfParallelism = _spinners, CancellationToken = ct },
            async (batch, token) =>
            {
                await Task.Delay(batch.Frames * 5, token).ConfigureAwait(false);
                int rejected = batch.Frames - batch.Capped;
                long grams = batch.Capped * 2200L;
                _metrics.RecordBatch(grams, rejected);
            });
}
