using System.Diagnostics;
using System.Text.Json;

namespace Blind10.Health.DatabaseProbe;

public enum HealthStatus
{
    Unknown,
    Healthy,
    Degraded,
    Unhealthy,
}

public readonly struct HealthSnapshot
{
    public HealthSnapshot(HealthStatus status, DateTime checkedAtUtc, double latencyMs, string description)
    {
        Status = status;
        CheckedAtUtc = checkedAtUtc;
        LatencyMs = latencyMs;
        Description = description;
    }

    public HealthStatus Status { get; }
    public DateTime CheckedAtUtc { get; }
    public double LatencyMs { get; }
    public string Description { get; }
}

/// <summary>
/// Probes the database on a dedicated background thread so that the health endpoint can
/// answer immediately with the most recent result.
/// </summary>
public sealed class DatabaseHealthMonitor : IDisposable
{
    private readonly Func<bool> _probe;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _degradedThreshold;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _pollThread;
    private HealthSnapshot _latest;

    public DatabaseHealthMonitor(Func<bool> probe, TimeSpan interval, TimeSpan degradedThreshold)
    {
        _probe = probe;
        _interval = interval;
        _degradedThreshold = degradedThreshold;
        _latest = new HealthSnapshot(HealthStatus.Unknown, DateTime.UtcNow, 0, "No probe has completed yet.");
        _pollThread = new Thread(PollLoop) { IsBackground = true, Name = "db-health-probe" };
        _pollThread.Start();
    }

    public HealthSnapshot GetLatest() => _latest;

    private void PollLoop()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            var stopwatch = Stopwatch.StartNew();
            HealthStatus status;
            string description;
            try
            {
                bool ok = _probe();
                stopwatch.Stop();
                status = !ok ? HealthStatus.Unhealthy
                    : stopwatch.Elapsed > _degradedThreshold ? HealthStatus.Degraded
                    : HealthStatus.Healthy;
                description = ok ? $"Probe succeeded in {stopwatch.ElapsedMilliseconds} ms." : "Probe returned failure.";
            }
            catch (Exception ex)
            {
                stopwatch.Stop();
                status = HealthStatus.Unhealthy;
                description = ex.Message;
            }

            _latest = new HealthSnapshot(status, DateTime.UtcNow, stopwatch.Elapsed.TotalMilliseconds, description);
            token.WaitHandle.WaitOne(_interval);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _pollThread.Join();
    }
}

/// <summary>Serves GET /health; invoked on the request thread.</summary>
public sealed class HealthEndpoint
{
    private readonly DatabaseHealthMonitor _monitor;

    public HealthEndpoint(DatabaseHealthMonitor monitor) => _monitor = monitor;

    public (int StatusCode, string Body) Handle()
    {
        var snapshot = _monitor.GetLatest();
        int statusCode = snapshot.Status == HealthStatus.Unhealthy ? 503 : 200;
        var body = JsonSerializer.Serialize(new
        {
            status = snapshot.Status.ToString(),
            checkedAt = snapshot.CheckedAtUtc,
            latencyMs = Math.Round(snapshot.LatencyMs, 1),
            description = snapshot.Description,
        });
        return (statusCode, body);
    }
}
