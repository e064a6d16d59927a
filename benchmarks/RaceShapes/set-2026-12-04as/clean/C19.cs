using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace Blind45.SkiTrails.Metrics;

/// <summary>
/// Counters for the trail-pass gates. The gate readers call the Record methods from
/// request threads; the exporter drains them periodically.
/// </summary>
public sealed class TrailGateMetrics
{
    private readonly string[] _trails;
    private readonly long[] _passes;
    private long _rejectedPasses;

    public TrailGateMetrics(IEnumerable<string> trails)
    {
        _trails = trails.ToArray();
        _passes = new long[_trails.Length];
    }

    public void RecordPass(int trailIndex) => Interlocked.Increment(ref _passes[trailIndex]);

    public void RecordRejected() => Interlocked.Increment(ref _rejectedPasses);

    /// <summary>Returns the counts since the last call and starts a new interval.</summary>
    public (IReadOnlyList<(string Trail, long Passes)> Trails, long Rejected) Drain()
    {
        var trails = new (string, long)[_trails.Length];
        for (var i = 0; i < _trails.Length; i++)
        {
            trails[i] = (_trails[i], Interlocked.Exchange(ref _passes[i], 0));
        }

        return (trails, Interlocked.Exchange(ref _rejectedPasses, 0));
    }
}

/// <summary>Pushes gate counts to the association's metrics collector once a minute.</summary>
public sealed class TrailMetricsExporter : BackgroundService
{
    private readonly TrailGateMetrics _metrics;
    private readonly Func<string, CancellationToken, Task> _push;
    private readonly TimeSpan _interval;
    private long _lastExportTicks;

    public TrailMetricsExporter(TrailGateMetrics metrics, Func<string, CancellationToken, Task> push, TimeSpan interval)
    {
        _metrics = metrics;
        _push = push;
        _interval = interval;
    }

    /// <summary>Reported by the health endpoint.</summary>
    public DateTimeOffset? LastExport
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastExportTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        var body = new StringBuilder();

        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var (trails, rejected) = _metrics.Drain();
            body.Clear();
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            foreach (var (trail, passes) in trails)
            {
                body.Append("trail_passes{trail=\"").Append(trail).Append("\"} ")
                    .Append(passes).Append(' ').AppendLine(now);
            }

            body.Append("trail_passes_rejected ").Append(rejected).Append(' ').AppendLine(now);

            try
            {
                await _push(body.ToString(), stoppingToken);
                Interlocked.Exchange(ref _lastExportTicks, DateTimeOffset.UtcNow.UtcTicks);
            }
            catch (HttpRequestException)
            {
                // Collector unavailable; the interval's counts are lost, the next one is not.
            }
        }
    }
}
