using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind32.SkiTrails.Conditions;

public sealed record TrailConditions(ImmutableDictionary<string, string> SnowByTrail, DateTimeOffset FetchedAt);

/// <summary>
/// Hosted service that refreshes trail snow conditions from the grooming
/// office's server on a fixed cadence. Pages and the trailhead kiosks read
/// <see cref="Current"/> on every request.
/// </summary>
public sealed class TrailConditionsPoller : BackgroundService
{
    private readonly HttpClient _http;
    private readonly ILogger<TrailConditionsPoller> _logger;
    private readonly TimeSpan _interval;
    private TrailConditions _current = new(ImmutableDictionary<string, string>.Empty, DateTimeOffset.MinValue);
    private int _consecutiveFailures;

    public TrailConditionsPoller(HttpClient http, ILogger<TrailConditionsPoller> logger, TimeSpan interval)
    {
        _http = http;
        _logger = logger;
        _interval = interval;
    }

    public TrailConditions Current => Volatile.Read(ref _current);

    public int ConsecutiveFailures => Volatile.Read(ref _consecutiveFailures);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                var body = await _http.GetStringAsync("conditions", stoppingToken);
                Volatile.Write(ref _current, new TrailConditions(Parse(body), DateTimeOffset.UtcNow));
                Volatile.Write(ref _consecutiveFailures, 0);
            }
            catch (HttpRequestException ex)
            {
                var failures = Volatile.Read(ref _consecutiveFailures) + 1;
                Volatile.Write(ref _consecutiveFailures, failures);
                _logger.LogWarning(ex, "Conditions poll failed ({Failures} in a row)", failures);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static ImmutableDictionary<string, string> Parse(string body)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2)
                builder[parts[0]] = parts[1];
        }
        return builder.ToImmutable();
    }
}

/// <summary>Kiosk endpoint showing the conditions for one trail.</summary>
public sealed class TrailheadKiosk
{
    private readonly TrailConditionsPoller _poller;

    public TrailheadKiosk(TrailConditionsPoller poller) => _poller = poller;

    public string Show(string trail)
    {
        var conditions = _poller.Current;
        var snow = conditions.SnowByTrail.TryGetValue(trail, out var s) ? s : "no report";
        var stale = _poller.ConsecutiveFailures > 3 ? " (may be out of date)" : "";
        return $"{trail}: {snow} as of {conditions.FetchedAt:t}{stale}";
    }
}
