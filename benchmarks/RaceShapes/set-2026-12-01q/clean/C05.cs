using System.Collections.Concurrent;

namespace HospitalPharmacy.Carousel
{
    public sealed record RefillTask(string BinId, string Ndc, int Units, DateTimeOffset RequestedAt);

    /// <summary>
    /// Queues refill work per carousel column so technicians can pull the next
    /// task for the column they are standing at. Refill requests come from the
    /// robot controllers' monitoring threads.
    /// </summary>
    public sealed class CarouselRefillBoard
    {
        private readonly ConcurrentDictionary<int, ConcurrentQueue<RefillTask>> _byColumn = new();
        private int _outstanding;

        public int Outstanding => Volatile.Read(ref _outstanding);

        public void Request(int column, RefillTask task)
        {
            var queue = _byColumn.GetOrAdd(column, static _ => new ConcurrentQueue<RefillTask>());
            queue.Enqueue(task);
            Interlocked.Increment(ref _outstanding);
        }

        public bool TryTakeNext(int column, out RefillTask? task)
        {
            if (_byColumn.TryGetValue(column, out var queue) && queue.TryDequeue(out var next))
            {
                Interlocked.Decrement(ref _outstanding);
                task = next;
                return true;
            }

            task = null;
            return false;
        }

        public IReadOnlyDictionary<int, int> DepthByColumn()
        {
            return _byColumn.ToDictionary(p => p.Key, p => p.Value.Count);
        }
    }

    /// <summary>
    /// Watches the bin inventory of one robot and requests refills when bins run low.
    /// </summary>
    public sealed class BinLevelMonitor
    {
        private readonly CarouselRefillBoard _board;
        private readonly Func<IEnumerable<(int Column, string BinId, string Ndc, int Units, int Par)>> _scan;

        public BinLevelMonitor(CarouselRefillBoard board, Func<IEnumerable<(int, string, string, int, int)>> scan)
        {
            _board = board;
            _scan = scan;
        }

        public async Task RunAsync(TimeSpan interval, CancellationToken ct)
        {
            using var timer = new PeriodicTimer(interval);
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                foreach (var (column, bin, ndc, units, par) in _scan())
                {
                    if (units < par / 4)
                    {
                        _board.Request(column, new RefillTask(bin, ndc, par - units, DateTimeOffset.UtcNow));
                    }
                }
            }
        }
    }
}
