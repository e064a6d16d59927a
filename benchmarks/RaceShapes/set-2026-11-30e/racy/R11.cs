using System.Diagnostics;

namespace Inventory.Service.Health;

public enum HealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

public struct HealthSnapshot
{
    public HealthStatus Status;
    public DateTime CheckedAtUtc;
    public TimeSpan Duration;
    public string? Description;
}

/// <summary>
/// Probes the database on a background thread at a fixed interval so the <c>/health</c>
/// endpoint can answer instantly without touching the database itself.
/// </summary>
public sealed class DatabaseHealthMonitor : IDisposable
{
    private readonly Func<CancellationToken, Task<bool>> _probe;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _cts = new();
    private readonly Thread _thread;
    private HealthSnapshot _latest;

    public DatabaseHealthMonitor(Func<CancellationToken, Task<bool>> probe, TimeSpan interval)
    {
        _probe = probe;
        _interval = interval;
        _latest = new HealthSnapshot
        {
            Status = HealthStatus.Unhealthy,
            CheckedAtUtc = DateTime.MinValue,
            Description = "No check has completed yet",
        };

        _thread = new Thread(ProbeLoop) { IsBackground = true, Name = "db-health-probe" };
        _thread.Start();
    }

    /// <summary>Used by the health endpoint handler.</summary>
    public HealthSnapshot GetLatest() => _latest;

    private void ProbeLoop()
    {
        var token = _cts.Token;
        while (!token.IsCancellationRequested)
        {
            var stopwatch = Stopwatch.StartNew();
            HealthSnapshot result;
            try
            {
                var ok = _probe(token).GetAwaiter().GetResult();
                result = new HealthSnapshot
                {
                    Status = ok ? HealthStatus.Healthy : HealthStatus.Degraded,
                    CheckedAtUtc = DateTime.UtcNow,
                    Duration = stopwatch.Elapsed,
                    Description = ok ? "Database reachable" : "Probe query returned an unexpected result",
                };
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                result = new HealthSnapshot
                {
                    Status = HealthStatus.Unhealthy,
                    CheckedAtUtc = DateTime.UtcNow,
                    Duration = stopwatch.Elapsed,
                    Description = ex.Message,
                };
            }

            _latest = result;
            token.WaitHandle.WaitOne(_interval);
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _thread.Join();
        _cts.Dispose();
    }
}
