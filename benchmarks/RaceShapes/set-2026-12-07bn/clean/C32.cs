using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Blind66.HopFarm.Picking;

public sealed record PickingJob(Guid Id, string Garden, int Rows);

/// <summary>
/// Queue of hop-picking machine runs. The farm office can cancel a run while it is still
/// queued or while it is running; each run owns a cancellation source that is disposed
/// once the run finishes.
/// </summary>
public sealed class PickingRunQueue
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, CancellationTokenSource> _active = new();
    private readonly ConcurrentQueue<PickingJob> _pending = new();
    private readonly Func<PickingJob, CancellationToken, Task> _run;
    private readonly ILogger<PickingRunQueue> _logger;

    public PickingRunQueue(Func<PickingJob, CancellationToken, Task> run, ILogger<PickingRunQueue> logger)
    {
        _run = run;
        _logger = logger;
    }

    public void Enqueue(PickingJob job)
    {
        lock (_gate)
        {
            _active.Add(job.Id, new CancellationTokenSource());
        }

        _pending.Enqueue(job);
    }

    public bool Cancel(Guid jobId)
    {
        lock (_gate)
        {
            if (!_active.TryGetValue(jobId, out var cts))
            {
                return false;
            }

            cts.Cancel();
            return true;
        }
    }

    /// <summary>Worker loop; the picking machine runs one job at a time.</summary>
    public async Task ProcessAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_pending.TryDequeue(out var job))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }

            CancellationTokenSource? cts;
            lock (_gate)
            {
                _active.TryGetValue(job.Id, out cts);
            }

            if (cts is null)
            {
                continue;
            }

            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cts.Token, stoppingToken);
                using var registration = linked.Token.Register(() => _logger.LogInformation("Stopping run {Job} in {Garden}", job.Id, job.Garden));
                if (!linked.IsCancellationRequested)
                {
                    await _run(job, linked.Token);
                }
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                _logger.LogInformation("Run {Job} was cancelled", job.Id);
            }
            finally
            {
                lock (_gate)
                {
                    _active.Remove(job.Id);
                }

                cts.Dispose();
            }
        }
    }
}
