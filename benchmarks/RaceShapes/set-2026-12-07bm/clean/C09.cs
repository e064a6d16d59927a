using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Blind65.SalmonLadders.Maintenance;

public sealed record GateJob(Guid Id, string Pool, string Action);

/// <summary>
/// Queue of gate and weir adjustments for the fish ladder. Operators enqueue
/// jobs from the control room and may cancel them until they have run.
/// </summary>
public sealed class GateJobQueue
{
    private readonly Channel<GateJob> _channel = Channel.CreateUnbounded<GateJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _pending = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<bool>> _outcomes = new();

    public (Guid JobId, Task<bool> Ran) Enqueue(string pool, string action)
    {
        var job = new GateJob(Guid.NewGuid(), pool, action);
        var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cts = new CancellationTokenSource();
        cts.Token.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(false), outcome);

        _outcomes[job.Id] = outcome;
        _pending[job.Id] = cts;
        _channel.Writer.TryWrite(job);
        return (job.Id, outcome.Task);
    }

    /// <summary>Cancels a job that has not started yet.</summary>
    public bool Cancel(Guid jobId)
    {
        if (!_pending.TryRemove(jobId, out var cts))
        {
            return false;
        }
        cts.Cancel();
        cts.Dispose();
        _outcomes.TryRemove(jobId, out _);
        return true;
    }

    public async Task RunWorkerAsync(Func<GateJob, CancellationToken, Task> execute, CancellationToken stopToken)
    {
        await foreach (var job in _channel.Reader.ReadAllAsync(stopToken).ConfigureAwait(false))
        {
            if (!_pending.TryRemove(job.Id, out var cts))
            {
                continue;
            }

            _outcomes.TryRemove(job.Id, out var outcome);
            using (cts)
            {
                try
                {
                    await execute(job, stopToken).ConfigureAwait(false);
                    outcome?.TrySetResult(true);
                }
                catch (Exception ex)
                {
                    outcome?.TrySetException(ex);
                }
            }
        }
    }
}

public sealed class ControlRoomConsole
{
    private readonly GateJobQueue _queue;

    public ControlRoomConsole(GateJobQueue queue) => _queue = queue;

    public async Task<string> LowerWeirAsync(string pool)
    {
        var (_, completion) = _queue.Enqueue(pool, "lower-weir");
        var ran = await completion;
        return ran ? $"Weir at {pool} lowered." : $"Weir job for {pool} was cancelled.";
    }
}
