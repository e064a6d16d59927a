namespace Blind64.HarpWorkshop.Orders
{
    public enum OrderPriority { Concert = 0, Repair = 1, Student = 2 }

    public sealed record HarpOrder(string OrderId, string Model, OrderPriority Priority, DateTimeOffset PlacedAt);

    /// <summary>
    /// Work queue for the harp workshop's benches. The web shop and the repair desk add orders
    /// from their own threads; each bench worker takes the most urgent order next.
    /// </summary>
    public sealed class BenchWorkQueue
    {
        private readonly PriorityQueue<HarpOrder, (OrderPriority, DateTimeOffset)> _orders = new();
        private readonly object _gate = new();
        private readonly SemaphoreSlim _available = new(0);

        public void Add(HarpOrder order)
        {
            lock (_gate)
            {
                _orders.Enqueue(order, (order.Priority, order.PlacedAt));
            }

            _available.Release();
        }

        public async Task<HarpOrder> TakeAsync(CancellationToken ct)
        {
            await _available.WaitAsync(ct).ConfigureAwait(false);
            lock (_gate)
            {
                return _orders.Dequeue();
            }
        }

        public int Backlog
        {
            get
            {
                lock (_gate)
                {
                    return _orders.Count;
                }
            }
        }
    }

    /// <summary>Runs several bench workers, each taking orders until the workshop closes.</summary>
    public sealed class BenchCrew
    {
        private readonly BenchWorkQueue _queue;
        private readonly Func<string, HarpOrder, CancellationToken, Task> _build;
        private int _completed;

        public BenchCrew(BenchWorkQueue queue, Func<string, HarpOrder, CancellationToken, Task> build)
        {
            _queue = queue;
            _build = build;
        }

        public int Completed => Volatile.Read(ref _completed);

        public Task RunAsync(IReadOnlyList<string> benches, CancellationToken ct)
        {
            var workers = benches.Select(bench => Task.Run(async () =>
            {
                while (!ct.IsCancellationRequested)
                {
                    HarpOrder order;
                    try
                    {
                        order = await _queue.TakeAsync(ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    await _build(bench, order, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _completed);
                }
            }));

            return Task.WhenAll(workers);
        }
    }
}
