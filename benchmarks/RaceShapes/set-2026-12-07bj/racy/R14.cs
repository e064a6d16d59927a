using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind62.GlassRecycling.Sorting
{
    public sealed record CulletBatch(string Id, string Colour, double Tonnes);

    /// <summary>
    /// One optical sorter lane. Batches arriving at the lane's hopper are queued locally
    /// and processed in order by the lane's own thread.
    /// </summary>
    public sealed class SorterLane
    {
        private readonly Queue<CulletBatch> _local = new();
        private readonly SortingFloor _floor;
        private readonly Action<string, CulletBatch> _sort;

        public SorterLane(string name, SortingFloor floor, Action<string, CulletBatch> sort)
        {
            Name = name;
            _floor = floor;
            _sort = sort;
        }

        public string Name { get; }

        internal int Backlog => _local.Count;

        /// <summary>Called on the lane thread when the hopper scanner reports a new batch.</summary>
        internal void Accept(CulletBatch batch) => _local.Enqueue(batch);

        internal bool TryStealFrom(SorterLane victim, out CulletBatch batch)
        {
            if (victim.Backlog > 1 && victim._local.TryDequeue(out var stolen))
            {
                batch = stolen;
                return true;
            }

            batch = null!;
            return false;
        }

        internal void Run(Func<CulletBatch?> hopper, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (hopper() is { } arrived)
                {
                    Accept(arrived);
                }

                if (_local.TryDequeue(out var next) || _floor.TrySteal(this, out next))
                {
                    _sort(Name, next);
                }
                else
                {
                    Thread.Sleep(20);
                }
            }
        }
    }

    /// <summary>
    /// Runs every lane on its own thread; idle lanes help out busy ones so a single
    /// colour surge doesn't back up one hopper.
    /// </summary>
    public sealed class SortingFloor
    {
        private readonly List<SorterLane> _lanes = new();
        private readonly List<Thread> _threads = new();

        public SorterLane AddLane(string name, Action<string, CulletBatch> sort)
        {
            var lane = new SorterLane(name, this, sort);
            _lanes.Add(lane);
            return lane;
        }

        internal bool TrySteal(SorterLane thief, out CulletBatch batch)
        {
            foreach (var lane in _lanes)
            {
                if (!ReferenceEquals(lane, thief) && thief.TryStealFrom(lane, out batch))
                {
                    return true;
                }
            }

            batch = null!;
            return false;
        }

        public void Start(IReadOnlyDictionary<string, Func<CulletBatch?>> hoppers, CancellationToken cancellationToken)
        {
            foreach (var lane in _lanes)
            {
                var hopper = hoppers[lane.Name];
                var thread = new Thread(() => lane.Run(hopper, cancellationToken)) { IsBackground = true, Name = lane.Name };
                _threads.Add(thread);
                thread.Start();
            }
        }
    }
}
