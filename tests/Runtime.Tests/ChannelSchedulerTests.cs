using Forklift.Dispatch;
using Forklift.Workers;

namespace Forklift.Runtime.Tests;

/// <summary>The scheduling policy that the local pool and the cluster share (<see cref="ChannelScheduler"/>), on its
/// own: no worker runs here, so every outcome is decided by the test.</summary>
public sealed class ChannelSchedulerTests
{
    private static readonly ParallelMethod<int, int> OneRetry = new(
        "ChannelSchedulerTests.OneRetry(int)", "OneRetry", typeof(ChannelSchedulerTests), TestCodecs.Int32, TestCodecs.Int32, (x, _) => ValueTask.FromResult(x), new ParallelMethodOptions { MaxRetries = 1 });

    private readonly ChannelScheduler _scheduler = new("channel-scheduler-tests", defaultTimeout: null);

    [Fact]
    public void The_queue_is_first_in_first_out_calls_sent_back_ahead_go_first_and_completed_calls_are_skipped()
    {
        SingleCall<int, int>[] calls = [Call(0), Call(1), Call(2), Call(3)];
        var taken = new List<PendingCall?>();
        lock (_scheduler.Gate)
        {
            foreach (SingleCall<int, int> call in calls)
            {
                Admit(call);
            }

            taken.Add(_scheduler.DequeueLive());
            _scheduler.Enqueue(calls[0], ahead: true);
        }

        // Completed while queued (a cancellation that raced the queue): skipped, and counted out only once.
        _scheduler.Cancel(calls[1]);
        lock (_scheduler.Gate)
        {
            taken.Add(_scheduler.PeekLive());
            taken.Add(_scheduler.DequeueLive());
            taken.Add(_scheduler.DequeueLive());
            taken.Add(_scheduler.DequeueLive());
            taken.Add(_scheduler.DequeueLive());
        }

        Assert.Equal<PendingCall?>([calls[0], calls[0], calls[0], calls[2], calls[3], null], taken);
        Assert.True(calls[1].Task.IsCanceled);
        lock (_scheduler.Gate)
        {
            Assert.Equal(0, _scheduler.Queued);
            Assert.Equal(3, _scheduler.Outstanding);
        }
    }

    [Fact]
    public void A_lost_call_that_never_arrived_is_requeued_uncounted_and_one_that_may_have_run_only_within_MaxRetries()
    {
        SingleCall<int, int> neverArrived = Call(0);
        SingleCall<int, int> mayHaveRun = Call(1);
        SingleCall<int, int> killed = Call(2);
        var outcomes = new List<bool>();
        lock (_scheduler.Gate)
        {
            Admit(neverArrived);
            Admit(mayHaveRun);
            Admit(killed);
            while (_scheduler.DequeueLive() is not null)
            {
            }

            neverArrived.Delivered = false;
            outcomes.Add(_scheduler.RequeueAfterLoss(neverArrived, retryable: true));
            outcomes.Add(_scheduler.RequeueAfterLoss(neverArrived, retryable: false));

            mayHaveRun.Delivered = true;
            outcomes.Add(_scheduler.RequeueAfterLoss(mayHaveRun, retryable: true));
            mayHaveRun.Delivered = true;
            outcomes.Add(_scheduler.RequeueAfterLoss(mayHaveRun, retryable: true));

            // A loss the pool decided (a timeout, a cancellation) is not retried, whatever MaxRetries says.
            killed.Delivered = true;
            outcomes.Add(_scheduler.RequeueAfterLoss(killed, retryable: false));
        }

        Assert.Equal([true, true, true, false, false], outcomes);
        Assert.Equal(0, neverArrived.Attempts);
        Assert.Equal(1, mayHaveRun.Attempts);
        Assert.Equal(CallState.Done, mayHaveRun.State);
        Assert.Equal(CallState.Done, killed.State);
        lock (_scheduler.Gate)
        {
            Assert.Equal(3, _scheduler.Queued);
        }
    }

    [Fact]
    public void UnqueueWhere_takes_only_the_matching_queued_calls_out()
    {
        SingleCall<int, int>[] calls = [Call(10), Call(11), Call(12)];
        List<PendingCall>? taken;
        PendingCall? next;
        lock (_scheduler.Gate)
        {
            foreach (SingleCall<int, int> call in calls)
            {
                Admit(call);
            }

            taken = _scheduler.UnqueueWhere(call => call != calls[1]);
            next = _scheduler.DequeueLive();
            Assert.Equal(0, _scheduler.Queued);
            Assert.Null(_scheduler.DequeueLive());
        }

        Assert.Equal<PendingCall>([calls[0], calls[2]], taken!);
        Assert.Same(calls[1], next);
    }

    [Fact]
    public async Task A_drain_ends_when_the_last_call_is_counted_out_and_a_call_keeps_its_first_outcome()
    {
        SingleCall<int, int> first = Call(1);
        SingleCall<int, int> second = Call(2);
        Task drained;
        lock (_scheduler.Gate)
        {
            Admit(first);
            Admit(second);
            drained = _scheduler.BeginDrain();
            Assert.True(_scheduler.IsDraining);
        }

        _scheduler.Fail(first, new InvalidOperationException("first outcome"));
        _scheduler.Cancel(first);
        Assert.False(drained.IsCompleted);
        _scheduler.Fail(second, new TimeoutException("second"));
        await drained.WaitAsync(TimeSpan.FromSeconds(60));

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => first.Task);
        Assert.Equal("first outcome", error.Message);
        lock (_scheduler.Gate)
        {
            Assert.Equal(0, _scheduler.Outstanding);
        }
    }

    private static SingleCall<int, int> Call(int argument) => new(OneRetry, argument, progress: null, CancellationToken.None);

    /// <summary>What a pool does when a call is submitted and finds no free worker. Under the lock.</summary>
    private void Admit(PendingCall call)
    {
        _scheduler.Admit();
        _scheduler.Enqueue(call);
    }
}
