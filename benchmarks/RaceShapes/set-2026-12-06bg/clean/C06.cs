namespace Blind59.Glassblowing.Kilns;

public sealed record KilnReading(string KilnId, double TemperatureC, double SetpointC, string Segment);

public interface IKilnControllerLink
{
    Task<KilnReading> ReadAsync(string kilnId, CancellationToken ct);
}

/// <summary>
/// Polls the annealing kiln controllers over their flaky RS-485 bridge. Each attempt
/// gets its own time budget; an attempt that overruns is cancelled.
/// </summary>
public sealed class KilnReadRetryPolicy
{
    private readonly IKilnControllerLink _link;
    private readonly int _maxAttempts;
    private readonly TimeSpan _attemptTimeout;
    private long _totalRetries;

    public KilnReadRetryPolicy(IKilnControllerLink link, int maxAttempts, TimeSpan attemptTimeout)
    {
        _link = link;
        _maxAttempts = maxAttempts;
        _attemptTimeout = attemptTimeout;
    }

    /// <summary>Number of retries since start-up, shown on the studio's status board.</summary>
    public long TotalRetries => Interlocked.Read(ref _totalRetries);

    public async Task<KilnReading> ReadWithRetryAsync(string kilnId, CancellationToken ct)
    {
        int failures = 0;
        Exception? lastError = null;

        while (failures < _maxAttempts)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var attempt = _link.ReadAsync(kilnId, attemptCts.Token);
            var timeout = Task.Delay(_attemptTimeout, ct);

            var first = await Task.WhenAny(attempt, timeout).ConfigureAwait(false);
            if (first != attempt)
            {
                attemptCts.Cancel();
            }

            try
            {
                return await attempt.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                lastError = new TimeoutException($"Kiln {kilnId} did not answer within {_attemptTimeout}.");
            }
            catch (IOException ex)
            {
                lastError = ex;
            }

            failures++;
            Interlocked.Increment(ref _totalRetries);
            await Task.Delay(TimeSpan.FromMilliseconds(100 * failures), ct).ConfigureAwait(false);
        }

        throw new IOException($"Kiln {kilnId} unreadable after {failures} attempts.", lastError);
    }
}

/// <summary>
/// Reads every kiln in the studio for the dashboard, in parallel across kilns.
/// </summary>
public sealed class StudioKilnDashboard
{
    private readonly KilnReadRetryPolicy _policy;

    public StudioKilnDashboard(KilnReadRetryPolicy policy) => _policy = policy;

    public async Task<IReadOnlyList<string>> RenderAsync(IEnumerable<string> kilnIds, CancellationToken ct)
    {
        var reads = kilnIds.Select(async id =>
        {
            try
            {
                var r = await _policy.ReadWithRetryAsync(id, ct).ConfigureAwait(false);
                return $"{r.KilnId}: {r.TemperatureC:F0} °C (setpoint {r.SetpointC:F0}, {r.Segment})";
            }
            catch (IOException ex)
            {
                return $"{id}: offline ({ex.Message})";
            }
        });

        var lines = await Task.WhenAll(reads).ConfigureAwait(false);
        return lines.Append($"Retries since start: {_policy.TotalRetries}").ToList();
    }
}
