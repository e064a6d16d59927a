namespace Blind.R12;

public enum HealthStatus
{
    Unknown,
    Healthy,
    Degraded,
    Unhealthy,
}

/// <summary>
/// Polls a dependency's health endpoint every two seconds and exposes its current
/// status to the load balancer integration.
/// </summary>
public sealed class EndpointHealthMonitor : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly int _failureThreshold;
    private readonly Timer _timer;
    private int _consecutiveFailures;
    private volatile HealthStatus _status = HealthStatus.Unknown;

    public EndpointHealthMonitor(Uri endpoint, int failureThreshold = 3)
    {
        _endpoint = endpoint;
        _failureThreshold = failureThreshold;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _timer = new Timer(OnTick, null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    public HealthStatus Status => _status;

    public event Action<HealthStatus>? StatusChanged;

    private void OnTick(object? state)
    {
        bool healthy;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _endpoint);
            using var response = _http.Send(request);
            healthy = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            healthy = false;
        }
        catch (TaskCanceledException)
        {
            healthy = false;
        }

        var previous = _status;
        if (healthy)
        {
            _consecutiveFailures = 0;
            _status = HealthStatus.Healthy;
        }
        else
        {
            _consecutiveFailures++;
            _status = _consecutiveFailures >= _failureThreshold ? HealthStatus.Unhealthy : HealthStatus.Degraded;
        }

        if (previous != _status)
        {
            StatusChanged?.Invoke(_status);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _http.Dispose();
    }
}
