namespace Ops.Health;

public enum HealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

public interface IHealthCheck
{
    string Name { get; }
    Task<HealthStatus> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs every registered health check on a fixed schedule and pushes the
/// resulting report to the status page. Operators can also force a run from
/// the <c>/health/refresh</c> endpoint, which calls <see cref="TriggerAsync"/>.
/// </summary>
public sealed class HealthReportPublisher : IDisposable
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<IHealthCheck> _checks;
    private readonly Func<IReadOnlyDictionary<string, HealthStatus>, Task> _publish;
    private readonly Timer _timer;
    private volatile IReadOnlyDictionary<string, HealthStatus> _lastReport =
        new Dictionary<string, HealthStatus>();
    private bool _isRunning;

    public HealthReportPublisher(
        IEnumerable<IHealthCheck> checks,
        Func<IReadOnlyDictionary<string, HealthStatus>, Task> publish,
        TimeSpan interval)
    {
        _checks = checks.ToList();
        _publish = publish;
        _timer = new Timer(_ => _ = RunOnceAsync(), null, TimeSpan.Zero, interval);
    }

    public IReadOnlyDictionary<string, HealthStatus> LastReport => _lastReport;

    public Task<bool> TriggerAsync() => RunOnceAsync();

    private async Task<bool> RunOnceAsync()
    {
        if (_isRunning)
        {
            return false;
        }

        _isRunning = true;
        try
        {
            var results = await Task.WhenAll(_checks.Select(RunCheckAsync)).ConfigureAwait(false);
            var report = results.ToDictionary(r => r.Name, r => r.Status, StringComparer.Ordinal);
            _lastReport = report;
            await _publish(report).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Publishing health report failed: {ex.Message}");
            return false;
        }
        finally
        {
            _isRunning = false;
        }
    }

    private static async Task<(string Name, HealthStatus Status)> RunCheckAsync(IHealthCheck check)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout);
        try
        {
            var status = await check.CheckAsync(timeout.Token).ConfigureAwait(false);
            return (check.Name, status);
        }
        catch (Exception)
        {
            return (check.Name, HealthStatus.Unhealthy);
        }
    }

    public void Dispose() => _timer.Dispose();
}
