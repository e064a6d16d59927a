using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.Gritting.Routes
{
    public enum RoadPriority
    {
        Primary = 0,
        BusRoute = 1,
        Secondary = 2,
        Residential = 3,
    }

    public sealed record GrittingRun(string RouteId, RoadPriority Priority, double SaltTonnes, DateTimeOffset RequestedAt);

    /// <summary>
    /// Queue of gritting runs for the depot. Road-weather stations, the duty officer's
    /// console and the public reporting form all add runs; lorry dispatchers wait for
    /// the most urgent run.
    /// </summary>
    public sealed class GrittingRunQueue
    {
        private readonly object _gate = new();
        private readonly PriorityQueue<GrittingRun, (RoadPriority, DateTimeOffset)> _runs = new();
        private readonly HashSet<string> _queuedRoutes = new(StringComparer.OrdinalIgnoreCase);
        private readonly SemaphoreSlim _available = new(0);

        public bool Enqueue(GrittingRun run)
        {
            lock (_gate)
            {
                if (!_queuedRoutes.Add(run.RouteId))
                {
                    return false;
                }

                _runs.Enqueue(run, (run.Priority, run.RequestedAt));
            }

            _available.Release();
            return true;
        }

        public async Task<GrittingRun> DequeueAsync(CancellationToken cancellationToken)
        {
            await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                var run = _runs.Dequeue();
                _queuedRoutes.Remove(run.RouteId);
                return run;
            }
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _runs.Count;
                }
            }
        }
    }

    public sealed class LorryDispatcher
    {
        private readonly GrittingRunQueue _queue;
        private readonly Func<string, GrittingRun, CancellationToken, Task> _drive;

        public LorryDispatcher(GrittingRunQueue queue, Func<string, GrittingRun, CancellationToken, Task> drive)
        {
            _queue = queue;
            _drive = drive;
        }

        public Task RunFleetAsync(IEnumerable<string> lorries, CancellationToken cancellationToken)
        {
            var loops = new List<Task>();
            foreach (var lorry in lorries)
            {
                loops.Add(Task.Run(async () =>
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var run = await _queue.DequeueAsync(cancellationToken).ConfigureAwait(false);
                        await _drive(lorry, run, cancellationToken).ConfigureAwait(false);
                    }
                }, cancellationToken));
            }

            return Task.WhenAll(loops);
        }
    }
}
