using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind48.TattooStudio.Webhooks;

public sealed record AppointmentWebhook(string Id, Uri Target, string Payload);

/// <summary>
/// Delivers appointment webhooks to partner calendars, retrying failures with
/// backoff. The booking API enqueues deliveries; a single hosted loop sends
/// them and keeps the retry bookkeeping.
/// </summary>
public sealed class WebhookDeliveryService : BackgroundService
{
    private readonly Channel<(AppointmentWebhook Hook, int Attempt)> _queue =
        Channel.CreateUnbounded<(AppointmentWebhook, int)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, int> _failuresByHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly HttpClient _http;
    private readonly ILogger<WebhookDeliveryService> _logger;
    private long _lastSuccessTicks;
    private int _pending;

    public WebhookDeliveryService(HttpClient http, ILogger<WebhookDeliveryService> logger)
    {
        _http = http;
        _logger = logger;
    }

    public int Pending => Volatile.Read(ref _pending);

    public DateTimeOffset? LastSuccess
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSuccessTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Enqueue(AppointmentWebhook hook)
    {
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite((hook, 1));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (hook, attempt) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var host = hook.Target.Host;
            try
            {
                using var response = await _http.PostAsync(hook.Target, new StringContent(hook.Payload), stoppingToken);
                response.EnsureSuccessStatusCode();
                _failuresByHost[host] = 0;
                Interlocked.Exchange(ref _lastSuccessTicks, DateTimeOffset.UtcNow.UtcTicks);
                Interlocked.Decrement(ref _pending);
            }
            catch (HttpRequestException ex) when (attempt < 6)
            {
                _failuresByHost.TryGetValue(host, out var failures);
                _failuresByHost[host] = failures + 1;
                var delay = TimeSpan.FromSeconds(Math.Pow(2, attempt));
                _logger.LogWarning(ex, "Webhook {Id} to {Host} failed (attempt {Attempt}); retrying in {Delay}", hook.Id, host, attempt, delay);
                _ = RequeueLaterAsync(hook, attempt + 1, delay, stoppingToken);
            }
            catch (HttpRequestException ex)
            {
                _logger.LogError(ex, "Webhook {Id} to {Host} abandoned", hook.Id, host);
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private async Task RequeueLaterAsync(AppointmentWebhook hook, int attempt, TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
            _queue.Writer.TryWrite((hook, attempt));
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>
/// Reports unhealthy when webhooks have piled up and nothing has been
/// delivered for a while.
/// </summary>
public sealed class WebhookHealthCheck : IHealthCheck
{
    private readonly WebhookDeliveryService _service;

    public WebhookHealthCheck(WebhookDeliveryService service) => _service = service;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = _service.Pending;
        var last = _service.LastSuccess;
        if (pending > 50 && (last is null || DateTimeOffset.UtcNow - last > TimeSpan.FromMinutes(10)))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{pending} webhooks pending, last delivery {last?.ToString("u") ?? "never"}"));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{pending} pending"));
    }
}
