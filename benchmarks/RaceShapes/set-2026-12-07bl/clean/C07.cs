namespace Blind64.LockKeeping.Passage
{
    public sealed record PassageRequest(string VesselName, bool Upstream, DateTimeOffset ArrivedAt);

    /// <summary>
    /// Bounded queue of boats waiting at a canal lock. Boaters' requests are added from the
    /// booking kiosk threads; the lock keeper's worker thread takes them in order. Built on
    /// Monitor.Wait/Pulse so that producers block when the lay-by is full.
    /// </summary>
    public sealed class LockPassageQueue
    {
        private readonly object _gate = new();
        private readonly Queue<PassageRequest> _waiting = new();
        private readonly int _laybyCapacity;
        private bool _closed;

        public LockPassageQueue(int laybyCapacity) => _laybyCapacity = laybyCapacity;

        public bool TryAdd(PassageRequest request, TimeSpan timeout)
        {
            lock (_gate)
            {
                var deadline = DateTime.UtcNow + timeout;
                while (_waiting.Count >= _laybyCapacity && !_closed)
                {
                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero || !Monitor.Wait(_gate, remaining))
                    {
                        return false;
                    }
                }

                if (_closed)
                {
                    return false;
                }

                _waiting.Enqueue(request);
                Monitor.PulseAll(_gate);
                return true;
            }
        }

        public bool TryTake(out PassageRequest? request)
        {
            lock (_gate)
            {
                while (_waiting.Count == 0 && !_closed)
                {
                    Monitor.Wait(_gate);
                }

                if (_waiting.Count == 0)
                {
                    request = null;
                    return false;
                }

                request = _waiting.Dequeue();
                Monitor.PulseAll(_gate);
                return true;
            }
        }

        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Runs the lock cycle for each waiting boat on a dedicated thread.</summary>
    public sealed class LockKeeperWorker
    {
        private readonly LockPassageQueue _queue;
        private readonly Action<PassageRequest> _cycleLock;
        private readonly Thread _thread;

        public LockKeeperWorker(LockPassageQueue queue, Action<PassageRequest> cycleLock)
        {
            _queue = queue;
            _cycleLock = cycleLock;
            _thread = new Thread(Run) { IsBackground = true, Name = "lock-keeper" };
        }

        public void Start() => _thread.Start();

        public void Stop()
        {
            _queue.Close();
            _thread.Join();
        }

        private void Run()
        {
            while (_queue.TryTake(out var request))
            {
                _cycleLock(request!);
            }
        }
    }
}
