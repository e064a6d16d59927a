namespace Blind45.Ropeway.Health;

public enum ComponentHealth { Healthy, Degraded, Unhealthy }

public sealed record ComponentReport(string Component, ComponentHealth Health, string? Detail);

public sealed record HealthSnapshot(DateTimeOffset CheckedAt, ComponentHealth Overall, IReadOnlyList<ComponentReport> Components);

public interface IRopewayProbe
{
    string Component { get; }
    Task<ComponentReport> CheckAsync(CancellationToken ct);
}

/// <summary>
/// Aggregates the ropeway's health probes (haul rope tension, brake hydraulics, wind
/// sensors, station doors). A timer runs all probes every few seconds; the control room
/// and the /health endpoint read the latest snapshot.
/// </summary>
public sealed class RopewayHealthAggregator : IDisposable
{
    private readonly IReadOnlyList<IRopewayProbe> _probes;
    private readonly TimeSpan _probeTimeout;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _shutdown = new();
    private HealthSnapshot _latest = new(DateTimeOffset.MinValue, ComponentHealth.Degraded, Array.Empty<ComponentReport>());
    private int _running;

    public RopewayHealthAggregator(IReadOnlyList<IRopewayProbe> probes, TimeSpan interval, TimeSpan probeTimeout)
    {
        _probes = probes;
        _probeTimeout = probeTimeout;
        _timer = new Timer(OnTick, null, TimeSpan.Zero, interval);
    }

    public HealthSnapshot Latest => Volatile.Read(ref _latest);

    private async void OnTick(object? state)
    {
        // Skip the tick if the previous round is still waiting on a slow probe.
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var reports = await Task.WhenAll(_probes.Select(RunProbeAsync)).ConfigureAwait(false);
            var overall = reports.Any(r => r.Health == ComponentHealth.Unhealthy) ? ComponentHealth.Unhealthy
                : reports.Any(r => r.Health == ComponentHealth.Degraded) ? ComponentHealth.Degraded
                : ComponentHealth.Healthy;
            Volatile.Write(ref _latest, new HealthSnapshot(DateTimeOffset.UtcNow, overall, reports));
        }
        catch (OperationCanceledException)
        {
            // Aggregator is shutting down.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task<ComponentReport> RunProbeAsync(IRopewayProbe probe)
    {
        try
        {
            return await probe.CheckAsync(_shutdown.Token).WaitAsync(_probeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new ComponentReport(probe.Component, ComponentHealth.Unhealthy, "probe timed out");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ComponentReport(probe.Component, ComponentHealth.Unhealthy, ex.Message);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _shutdown.Cancel();
    }
}
