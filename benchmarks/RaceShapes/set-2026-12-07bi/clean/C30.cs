using Microsoft.AspNetCore.Http;
using System.Collections.Concurrent;

namespace Blind61.FishFarms.Health;

public enum ProbeStatus { Unknown, Healthy, Degraded, Down }

public sealed record ProbeResult(string Component, ProbeStatus Status, string? Detail, DateTimeOffset CheckedAt);

public interface IComponentProbe
{
    string Component { get; }
    Task<ProbeResult> CheckAsync(CancellationToken ct);
}

/// <summary>
/// Runs background health probes against the farm's components (oxygen injectors, camera
/// buoys, feed barge PLC) and keeps the latest result for each.
/// </summary>
public sealed class FarmHealthMonitor : Microsoft.Extensions.Hosting.BackgroundService
{
    private readonly IReadOnlyList<IComponentProbe> _probes;
    private readonly ConcurrentDictionary<string, ProbeResult> _latest = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _interval;

    public FarmHealthMonitor(IEnumerable<IComponentProbe> probes, TimeSpan interval)
    {
        _probes = probes.ToList();
        _interval = interval;
        foreach (var p in _probes)
            _latest[p.Component] = new ProbeResult(p.Component, ProbeStatus.Unknown, null, DateTimeOffset.MinValue);
    }

    public IReadOnlyCollection<ProbeResult> Latest => _latest.Values.ToArray();

    public ProbeStatus Overall =>
        _latest.Values.Select(r => r.Status).DefaultIfEmpty(ProbeStatus.Unknown).Max();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            await Task.WhenAll(_probes.Select(p => RunProbeAsync(p, stoppingToken)));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunProbeAsync(IComponentProbe probe, CancellationToken stoppingToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        cts.CancelAfter(TimeSpan.FromSeconds(5));
        ProbeResult result;
        try
        {
            result = await probe.CheckAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            result = new ProbeResult(probe.Component, ProbeStatus.Down, "timed out", DateTimeOffset.UtcNow);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = new ProbeResult(probe.Component, ProbeStatus.Down, ex.Message, DateTimeOffset.UtcNow);
        }

        _latest.AddOrUpdate(probe.Component, result, (_, previous) =>
            previous.CheckedAt > result.CheckedAt ? previous : result);
    }
}

/// <summary>Health endpoint for the farm's monitoring dashboard.</summary>
public sealed class FarmHealthEndpoint
{
    private readonly FarmHealthMonitor _monitor;

    public FarmHealthEndpoint(FarmHealthMonitor monitor) => _monitor = monitor;

    public IResult Get()
    {
        var overall = _monitor.Overall;
        var body = new { status = overall.ToString(), components = _monitor.Latest };
        return overall >= ProbeStatus.Down ? Results.Json(body, statusCode: 503) : Results.Ok(body);
    }
}
