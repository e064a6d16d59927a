using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BowWorkshop.Rehair;

public enum HairType { WhiteMongolian, BlackSiberian, SaltAndPepper }

public sealed record RehairOrder(int OrderNumber, string Customer, string BowMaker, HairType Hair, bool RushJob);

public sealed record CompletedRehair(int OrderNumber, string Customer, DateTimeOffset FinishedAt, decimal Charge);

public interface IRehairBench
{
    Task<decimal> RehairAsync(RehairOrder order, CancellationToken ct);
}

/// <summary>
/// Works through the rehair queue one bow at a time. Registered as a hosted service and
/// also as a singleton so the shop's order controller can enqueue work and show the
/// "recently finished" panel on the counter screen.
/// </summary>
public sealed class RehairQueueService : BackgroundService
{
    private const int RecentLimit = 25;
    private readonly Channel<RehairOrder> _queue = Channel.CreateBounded<RehairOrder>(200);
    private readonly List<CompletedRehair> _recentlyCompleted = new();
    private readonly IRehairBench _bench;
    private readonly ILogger<RehairQueueService> _logger;

    public RehairQueueService(IRehairBench bench, ILogger<RehairQueueService> logger)
    {
        _bench = bench;
        _logger = logger;
    }

    public ValueTask EnqueueAsync(RehairOrder order, CancellationToken ct) =>
        _queue.Writer.WriteAsync(order, ct);

    /// <summary>Called by the counter screen controller.</summary>
    public IReadOnlyList<CompletedRehair> GetRecentlyCompleted() =>
        _recentlyCompleted.OrderByDescending(c => c.FinishedAt).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var order in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                decimal charge = await _bench.RehairAsync(order, stoppingToken);
                if (order.RushJob)
                    charge += 20m;

                _recentlyCompleted.Add(new CompletedRehair(order.OrderNumber, order.Customer, DateTimeOffset.UtcNow, charge));
                if (_recentlyCompleted.Count > RecentLimit)
                    _recentlyCompleted.RemoveAt(0);

                _logger.LogInformation("Order {Order} rehaired for {Customer}", order.OrderNumber, order.Customer);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Rehair of order {Order} failed", order.OrderNumber);
            }
        }
    }
}
