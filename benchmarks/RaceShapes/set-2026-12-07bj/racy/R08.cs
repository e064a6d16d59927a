using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind62.MountainRescue.Dispatch
{
    public sealed record CalloutRequest(string Id, string Grid, int Casualties, DateTimeOffset ReceivedAt);

    /// <summary>
    /// Hands incoming callouts from the 999 gateway to the team coordinators. Several
    /// coordinator threads block in <see cref="Take"/> waiting for work.
    /// </summary>
    public sealed class CalloutQueue
    {
        private readonly object _gate = new();
        private readonly Queue<CalloutRequest> _pending = new();
        private bool _closed;

        public void Post(CalloutRequest request)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    throw new InvalidOperationException("Dispatch is closed.");
                }

                _pending.Enqueue(request);
                Monitor.Pulse(_gate);
            }
        }

        public CalloutRequest? Take(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                while (_pending.Count == 0)
                {
                    if (_closed)
                    {
                        return null;
                    }

                    Monitor.Wait(_gate, TimeSpan.FromMilliseconds(250));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            return _pending.Dequeue();
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

    public sealed class CoordinatorPool
    {
        private readonly CalloutQueue _queue;
        private readonly Action<string, CalloutRequest> _assign;
        private readonly List<Thread> _threads = new();

        public CoordinatorPool(CalloutQueue queue, Action<string, CalloutRequest> assign)
        {
            _queue = queue;
            _assign = assign;
        }

        public void Start(IEnumerable<string> coordinators, CancellationToken cancellationToken)
        {
            foreach (var name in coordinators)
            {
                var thread = new Thread(() =>
                {
                    while (_queue.Take(cancellationToken) is { } callout)
                    {
                        _assign(name, callout);
                    }
                })
                { IsBackground = true, Name = "coordinator-" + name };
                _threads.Add(thread);
                thread.Start();
            }
        }
    }
}
