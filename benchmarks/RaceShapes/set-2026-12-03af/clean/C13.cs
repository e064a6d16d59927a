using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Blind32.Pottery.Glaze;

public sealed record GlazeFiring(string KilnId, string Glaze, int Cone);

/// <summary>Queue the studio booking page writes glaze firings into.</summary>
public sealed class GlazeFiringQueue
{
    private readonly Channel<GlazeFiring> _channel = Channel.CreateUnbounded<GlazeFiring>(
        new UnboundedChannelOptions { SingleReader = true });

    public bool TryEnqueue(GlazeFiring firing) => _channel.Writer.TryWrite(firing);

    public ChannelReader<GlazeFiring> Reader => _channel.Reader;
}

/// <summary>Runs glaze firings in order and keeps per-kiln statistics.</summary>
public sealed class GlazeFiringWorker : BackgroundService
{
    private readonly GlazeFiringQueue _queue;
    private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);
    private ImmutableDictionary<string, int> _published = ImmutableDictionary<string, int>.Empty;

    public GlazeFiringWorker(GlazeFiringQueue queue) => _queue = queue;

    public ImmutableDictionary<string, int> FiringsPerKiln => Volatile.Read(ref _published);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var firing in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunFiringAsync(firing, stoppingToken);

            _counts.TryGetValue(firing.KilnId, out var count);
            _counts[firing.KilnId] = count + 1;
            Volatile.Write(ref _published, _counts.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
        }
    }

    private static async Task RunFiringAsync(GlazeFiring firing, CancellationToken ct)
    {
        for (var step = 0; step < firing.Cone; step++)
            await Task.Delay(20, ct);
    }
}

/// <summary>Reports kilns that are doing much more work than the rest.</summary>
public sealed class GlazeKilnHealthCheck : IHealthCheck
{
    private readonly GlazeFiringWorker _worker;

    public GlazeKilnHealthCheck(GlazeFiringWorker worker) => _worker = worker;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var counts = _worker.FiringsPerKiln;
        if (counts.IsEmpty)
            return Task.FromResult(HealthCheckResult.Healthy("idle"));

        var average = counts.Values.Average();
        var busy = counts.Where(kv => kv.Value > average * 2).Select(kv => kv.Key).ToList();
        return Task.FromResult(busy.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("uneven: " + string.Join(", ", busy)));
    }
}
