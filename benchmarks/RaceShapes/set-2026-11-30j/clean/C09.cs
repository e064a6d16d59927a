namespace Blind10.Health.Aggregate;

public enum CheckStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

public sealed record CheckResult(string Name, CheckStatus Status, TimeSpan Duration, string? Error);

public sealed record HealthReport(DateTime GeneratedAtUtc, CheckStatus Overall, IReadOnlyList<CheckResult> Checks);

public interface IHealthCheck
{
    string Name { get; }
    Task<CheckStatus> CheckAsync(CancellationToken ct);
}

/// <summary>
/// Background service that runs all registered health checks periodically and keeps the
/// latest report for the readiness endpoint.
/// </summary>
public sealed class HealthReportPublisher : IAsyncDisposable
{
    private readonly IReadOnlyList<IHealthCheck> _checks;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stopping = new();
    private HealthReport _latest = new(DateTime.MinValue, CheckStatus.Degraded, Array.Empty<CheckResult>());
    private readonly Task _loop;

    public HealthReportPublisher(IEnumerable<IHealthCheck> checks, TimeSpan interval)
    {
        _checks = checks.ToArray();
        _interval = interval;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    public HealthReport Latest => Volatile.Read(ref _latest);

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            var results = await Task.WhenAll(_checks.Select(c => RunCheckAsync(c, ct))).ConfigureAwait(false);
            var overall = results.Length == 0 ? CheckStatus.Healthy : results.Max(r => r.Status);
            Volatile.Write(ref _latest, new HealthReport(DateTime.UtcNow, overall, results));
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    private static async Task<CheckResult> RunCheckAsync(IHealthCheck check, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        try
        {
            var status = await check.CheckAsync(ct).ConfigureAwait(false);
            return new CheckResult(check.Name, status, DateTime.UtcNow - started, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new CheckResult(check.Name, CheckStatus.Unhealthy, DateTime.UtcNow - started, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
    }
}
