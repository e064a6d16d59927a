using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Glaciology.CoreSamples;

public sealed record CoreSample(string Borehole, double DepthMetres, double DeltaO18, DateTime LoggedAt);

/// <summary>
/// Receives samples posted by the field tablets and keeps a short rolling window
/// plus a per-borehole deepest-depth index. Registered as a singleton and also as a
/// hosted service; the dashboard endpoints query it on request threads.
/// </summary>
public sealed class CoreSampleIngestService : BackgroundService
{
    private const int WindowSize = 1_000;

    private readonly Channel<CoreSample> _inbox = Channel.CreateBounded<CoreSample>(
        new BoundedChannelOptions(5_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Queue<CoreSample> _window = new();
    private readonly Dictionary<string, double> _deepest = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _indexLock = new();

    public ValueTask PostAsync(CoreSample sample, CancellationToken ct) =>
        _inbox.Writer.WriteAsync(sample, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var sample in _inbox.Reader.ReadAllAsync(stoppingToken))
        {
            _window.Enqueue(sample);
            if (_window.Count > WindowSize)
            {
                _window.Dequeue();
            }

            lock (_indexLock)
            {
                if (!_deepest.TryGetValue(sample.Borehole, out var d) || sample.DepthMetres > d)
                {
                    _deepest[sample.Borehole] = sample.DepthMetres;
                }
            }
        }
    }

    public double? DeepestFor(string borehole)
    {
        lock (_indexLock)
        {
            return _deepest.TryGetValue(borehole, out var d) ? d : null;
        }
    }

    /// <summary>Recent samples for one borehole, newest last.</summary>
    public IReadOnlyList<CoreSample> RecentFor(string borehole, int max = 50)
    {
        return _window
            .Where(s => string.Equals(s.Borehole, borehole, StringComparison.OrdinalIgnoreCase))
            .TakeLast(max)
            .ToList();
    }

    public double MeanIsotopeRatio()
    {
        lock (_indexLock)
        {
            if (_deepest.Count == 0) return 0;
        }
        return _window.Count == 0 ? 0 : _window.Average(s => s.DeltaO18);
    }
}

public static class CoreSampleEndpoints
{
    public static object Describe(CoreSampleIngestService svc, string borehole) => new
    {
        borehole,
        deepest = svc.DeepestFor(borehole),
        recent = svc.RecentFor(borehole),
    };
}
