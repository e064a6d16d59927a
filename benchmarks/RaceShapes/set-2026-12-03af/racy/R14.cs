using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Blind32.Pottery.Firing;

public sealed record FiringRequest(string KilnId, string Program, int PeakCelsius);

/// <summary>Queue that the studio's booking page writes firing requests into.</summary>
public sealed class FiringQueue
{
    private readonly Channel<FiringRequest> _channel = Channel.CreateBounded<FiringRequest>(100);

    public ValueTask EnqueueAsync(FiringRequest request, CancellationToken ct) => _channel.Writer.WriteAsync(request, ct);

    public ChannelReader<FiringRequest> Reader => _channel.Reader;
}

/// <summary>Hosted service that drives the kiln controllers one firing at a time.</summary>
public sealed class KilnFiringWorker : BackgroundService
{
    private readonly FiringQueue _queue;
    private readonly Dictionary<string, int> _firingsPerKiln = new(StringComparer.OrdinalIgnoreCase);

    public KilnFiringWorker(FiringQueue queue) => _queue = queue;

    public IReadOnlyDictionary<string, int> FiringsPerKiln() => new Dictionary<string, int>(_firingsPerKiln);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await FireAsync(request, stoppingToken);

            _firingsPerKiln.TryGetValue(request.KilnId, out var count);
            _firingsPerKiln[request.KilnId] = count + 1;
        }
    }

    private static async Task FireAsync(FiringRequest request, CancellationToken ct)
    {
        // Ramp up in 100-degree steps; the controller reports back after each.
        for (var temp = 100; temp <= request.PeakCelsius; temp += 100)
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
    }
}

/// <summary>Flags kilns that have had far more firings than the others.</summary>
public sealed class KilnWearHealthCheck : IHealthCheck
{
    private readonly KilnFiringWorker _worker;

    public KilnWearHealthCheck(KilnFiringWorker worker) => _worker = worker;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var counts = _worker.FiringsPerKiln();
        if (counts.Count == 0)
            return Task.FromResult(HealthCheckResult.Healthy("no firings yet"));

        var average = counts.Values.Average();
        var overused = counts.Where(kv => kv.Value > average * 2).Select(kv => kv.Key).ToList();
        return Task.FromResult(overused.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"uneven use: {string.Join(", ", overused)}"));
    }
}
