using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BowWorkshop.Queue;

public sealed record BowJob(int Ticket, string Owner, string Instrument, bool Rush);

public sealed record FinishedBow(int Ticket, string Owner, DateTimeOffset FinishedAt);

public interface IWorkbench
{
    Task RehairAsync(BowJob job, CancellationToken ct);
}

/// <summary>
/// Rehair work queue. Hosted service plus singleton: the order controller enqueues jobs
/// and reads the recent-completions panel; the background loop does the work.
/// </summary>
public sealed class BowJobQueue : BackgroundService
{
    private const int RecentLimit = 20;
    private readonly Channel<BowJob> _jobs = Channel.CreateUnbounded<BowJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _recentLock = new();
    private readonly LinkedList<FinishedBow> _recent = new();
    private readonly IWorkbench _bench;
    private readonly ILogger<BowJobQueue> _logger;
    private int _completedToday;

    public BowJobQueue(IWorkbench bench, ILogger<BowJobQueue> logger)
    {
        _bench = bench;
        _logger = logger;
    }

    public bool Enqueue(BowJob job) => _jobs.Writer.TryWrite(job);

    public int CompletedToday => Volatile.Read(ref _completedToday);

    public IReadOnlyList<FinishedBow> Recent()
    {
        lock (_recentLock)
        {
            return _recent.ToList();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await _bench.RehairAsync(job, stoppingToken);
                var finished = new FinishedBow(job.Ticket, job.Owner, DateTimeOffset.UtcNow);
                lock (_recentLock)
                {
                    _recent.AddFirst(finished);
                    if (_recent.Count > RecentLimit)
                        _recent.RemoveLast();
                }
                Interlocked.Increment(ref _completedToday);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Ticket {Ticket} failed", job.Ticket);
            }
        }
    }

    /// <summary>Called by the midnight rollover job.</summary>
    public void ResetDailyCount() => Interlocked.Exchange(ref _completedToday, 0);
}
