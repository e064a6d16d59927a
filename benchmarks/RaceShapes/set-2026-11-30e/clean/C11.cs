namespace Inventory.Service.Health.Reports;

public enum ProbeStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

public sealed record ProbeReport(ProbeStatus Status, DateTime CheckedAtUtc, TimeSpan Duration, string Description);

/// <summary>
/// Background service that checks a message broker connection on a fixed cadence and publishes
/// the latest report for the readiness endpoint.
/// </summary>
public sealed class BrokerHealthPublisher : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<bool>> _ping;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private ProbeReport _latest = new(ProbeStatus.Unhealthy, DateTime.MinValue, TimeSpan.Zero, "Not checked yet");

    public BrokerHealthPublisher(Func<CancellationToken, Task<bool>> ping, TimeSpan period)
    {
        _ping = ping;
        _timer = new PeriodicTimer(period);
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Read by the readiness endpoint.</summary>
    public ProbeReport Latest => Volatile.Read(ref _latest);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            do
            {
                var started = DateTime.UtcNow;
                ProbeReport report;
                try
                {
                    var ok = await _ping(stoppingToken).ConfigureAwait(false);
                    report = new ProbeReport(ok ? ProbeStatus.Healthy : ProbeStatus.Degraded, started, DateTime.UtcNow - started,
                        ok ? "Broker reachable" : "Broker responded slowly");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    report = new ProbeReport(ProbeStatus.Unhealthy, started, DateTime.UtcNow - started, ex.Message);
                }

                Volatile.Write(ref _latest, report);
            }
            while (await _timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _loop.ConfigureAwait(false);
        _timer.Dispose();
        _stopping.Dispose();
    }
}
