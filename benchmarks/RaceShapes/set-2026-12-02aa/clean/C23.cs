namespace Blind27.FishingFleet.Quotas;

/// <summary>
/// Counters for landings reported by vessels against their quotas. Updated from the
/// landing-declaration API on many request threads; drained by the exporter.
/// </summary>
public sealed class LandingMetrics
{
    private long _declarations;
    private long _kilogramsLanded;
    private long _overQuotaRejections;

    public void RecordDeclaration(long kilograms)
    {
        Interlocked.Increment(ref _declarations);
        Interlocked.Add(ref _kilogramsLanded, kilograms);
    }

    public void RecordRejection() => Interlocked.Increment(ref _overQuotaRejections);

    /// <summary>Reads and resets all counters; used by the exporter once per interval.</summary>
    internal (long Declarations, long Kilograms, long Rejections) Drain() =>
        (Interlocked.Exchange(ref _declarations, 0),
         Interlocked.Exchange(ref _kilogramsLanded, 0),
         Interlocked.Exchange(ref _overQuotaRejections, 0));
}

/// <summary>
/// Pushes landing metrics to the fisheries authority's monitoring endpoint every minute.
/// </summary>
public sealed class QuotaMetricsExporter : IAsyncDisposable
{
    private readonly LandingMetrics _metrics;
    private readonly Func<string, CancellationToken, Task> _push;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public QuotaMetricsExporter(LandingMetrics metrics, Func<string, CancellationToken, Task> push, TimeSpan interval)
    {
        _metrics = metrics;
        _push = push;
        _loop = RunAsync(interval, _stop.Token);
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var (declarations, kilograms, rejections) = _metrics.Drain();
                var payload =
                    $"fleet_declarations_total {declarations}\n" +
                    $"fleet_landed_kilograms_total {kilograms}\n" +
                    $"fleet_over_quota_rejections_total {rejections}\n";
                try
                {
                    await _push(payload, ct).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    // The authority endpoint is flaky at sea-state changes; try again next tick.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
