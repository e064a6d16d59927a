using Microsoft.Extensions.Hosting;

namespace Blind59.Archery.Scoring;

/// <summary>
/// Per-interval totals pushed to the range's scoreboard dashboard.
/// </summary>
public sealed record ScoringSnapshot(DateTime IntervalEnd, long[] ArrowsPerRing, long TotalScore);

/// <summary>
/// Aggregates arrow scores reported by the electronic target faces. Every target's
/// gateway posts scores through <see cref="RecordArrow"/>; a hosted service flushes
/// the totals every ten seconds.
/// </summary>
public sealed class ArrowScoreAggregator
{
    // Index 0 is a miss, 1-10 the scoring rings, 11 the inner ten (X).
    private readonly long[] _ringCounts = new long[12];
    private long _totalScore;

    public void RecordArrow(int ring)
    {
        if ((uint)ring >= (uint)_ringCounts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(ring));
        }

        Interlocked.Increment(ref _ringCounts[ring]);
        Interlocked.Add(ref _totalScore, ring == 11 ? 10 : ring);
    }

    public ScoringSnapshot Flush()
    {
        var counts = new long[_ringCounts.Length];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = _ringCounts[i];
            _ringCounts[i] = 0;
        }

        long total = Interlocked.Exchange(ref _totalScore, 0);
        return new ScoringSnapshot(DateTime.UtcNow, counts, total);
    }
}

/// <summary>
/// Publishes interval totals to the dashboard.
/// </summary>
public sealed class ScoreboardFlushService : BackgroundService
{
    private readonly ArrowScoreAggregator _aggregator;
    private readonly Func<ScoringSnapshot, Task> _publish;

    public ScoreboardFlushService(ArrowScoreAggregator aggregator, Func<ScoringSnapshot, Task> publish)
    {
        _aggregator = aggregator;
        _publish = publish;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await _publish(_aggregator.Flush());
        }
    }
}

/// <summary>
/// Receives score packets from target gateways; each gateway has its own connection
/// and runs on its own thread-pool work item.
/// </summary>
public sealed class TargetGatewayListener
{
    private readonly ArrowScoreAggregator _aggregator;

    public TargetGatewayListener(ArrowScoreAggregator aggregator) => _aggregator = aggregator;

    public Task HandleGatewayAsync(Stream gateway, CancellationToken ct) => Task.Run(async () =>
    {
        var buffer = new byte[64];
        int read;
        while ((read = await gateway.ReadAsync(buffer, ct)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                _aggregator.RecordArrow(Math.Min(buffer[i] & 0x0F, 11));
            }
        }
    }, ct);
}
