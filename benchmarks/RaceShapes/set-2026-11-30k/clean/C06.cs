using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Arena.Diagnostics
{
    /// <summary>
    /// Tracks how long server ticks take across all match shards so operators
    /// can see when a host is running over its frame budget.
    /// </summary>
    public sealed class TickBudgetMonitor
    {
        private readonly long _budgetTicks;
        private long _worstTicks;
        private long _totalTicks;
        private long _samples;
        private long _overBudget;

        public TickBudgetMonitor(TimeSpan budget)
        {
            _budgetTicks = budget.Ticks;
        }

        public TimeSpan Worst => TimeSpan.FromTicks(Interlocked.Read(ref _worstTicks));

        public long OverBudgetCount => Interlocked.Read(ref _overBudget);

        public TimeSpan Average
        {
            get
            {
                long samples = Interlocked.Read(ref _samples);
                return samples == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks) / samples);
            }
        }

        public void Record(TimeSpan elapsed)
        {
            long value = elapsed.Ticks;

            long observed = Interlocked.Read(ref _worstTicks);
            while (value > observed)
            {
                long prior = Interlocked.CompareExchange(ref _worstTicks, value, observed);
                if (prior == observed)
                    break;
                observed = prior;
            }

            Interlocked.Add(ref _totalTicks, value);
            Interlocked.Increment(ref _samples);
            if (value > _budgetTicks)
                Interlocked.Increment(ref _overBudget);
        }
    }

    public interface IMatchShard
    {
        bool IsRunning { get; }
        void Step();
    }

    public sealed class ShardHost
    {
        private readonly TickBudgetMonitor _monitor;

        public ShardHost(TickBudgetMonitor monitor)
        {
            _monitor = monitor;
        }

        public Task RunAllAsync(IEnumerable<IMatchShard> shards, CancellationToken cancellationToken)
        {
            return Task.WhenAll(shards.Select(shard => Task.Run(async () =>
            {
                var stopwatch = new Stopwatch();
                while (shard.IsRunning && !cancellationToken.IsCancellationRequested)
                {
                    stopwatch.Restart();
                    shard.Step();
                    _monitor.Record(stopwatch.Elapsed);
                    await Task.Delay(16, cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken)));
        }
    }
}
