using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Elections.PrecinctTallies;

public sealed record BallotBatch(int PrecinctId, IReadOnlyList<int> CandidateChoices);

public interface IBallotFeed
{
    Task<IReadOnlyList<BallotBatch>> FetchNewBatchesAsync(CancellationToken ct);
}

public interface IResultsPublisher
{
    Task PublishAsync(IReadOnlyList<long> totals, CancellationToken ct);
}

/// <summary>
/// Pulls scanned ballot batches from the precincts every few seconds and publishes
/// running totals to the county results page.
/// </summary>
public sealed class CountyTallyService : BackgroundService
{
    private readonly IBallotFeed _feed;
    private readonly IResultsPublisher _publisher;
    private readonly ILogger<CountyTallyService> _logger;
    private readonly long[] _runningTotals;

    public CountyTallyService(IBallotFeed feed, IResultsPublisher publisher, ILogger<CountyTallyService> logger, int candidates)
    {
        _feed = feed;
        _publisher = publisher;
        _logger = logger;
        _runningTotals = new long[candidates];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var batches = await _feed.FetchNewBatchesAsync(stoppingToken);
            if (batches.Count == 0)
            {
                continue;
            }

            var perBatch = CountBatches(batches, _runningTotals.Length);
            foreach (var counts in perBatch)
            {
                for (var c = 0; c < counts.Length; c++)
                {
                    _runningTotals[c] += counts[c];
                }
            }

            _logger.LogInformation("Counted {Batches} new batches", batches.Count);
            await _publisher.PublishAsync((long[])_runningTotals.Clone(), stoppingToken);
        }
    }

    private static long[][] CountBatches(IReadOnlyList<BallotBatch> batches, int candidates)
    {
        var perBatch = new long[batches.Count][];
        Parallel.For(0, batches.Count, i =>
        {
            var counts = new long[candidates];
            foreach (var choice in batches[i].CandidateChoices)
            {
                if (choice >= 0 && choice < candidates)
                {
                    counts[choice]++;
                }
            }
            perBatch[i] = counts;
        });
        return perBatch;
    }
}
