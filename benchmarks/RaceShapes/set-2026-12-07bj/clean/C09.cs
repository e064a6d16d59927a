using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind62.MountainRescue.Radio
{
    public sealed record RadioMessage(string Callsign, string Text, DateTimeOffset At);

    /// <summary>
    /// Bounded hand-off between the radio gateway thread and the message loggers. When
    /// the loggers fall behind, the gateway blocks rather than dropping traffic.
    /// </summary>
    public sealed class RadioTrafficBuffer
    {
        private readonly object _gate = new();
        private readonly Queue<RadioMessage> _messages = new();
        private readonly int _capacity;
        private bool _completed;

        public RadioTrafficBuffer(int capacity)
        {
            if (capacity <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _capacity = capacity;
        }

        public void Add(RadioMessage message)
        {
            lock (_gate)
            {
                while (_messages.Count >= _capacity && !_completed)
                {
                    Monitor.Wait(_gate);
                }

                if (_completed)
                {
                    throw new InvalidOperationException("Radio buffer has been completed.");
                }

                _messages.Enqueue(message);
                Monitor.PulseAll(_gate);
            }
        }

        public bool TryTake(out RadioMessage? message, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_gate)
            {
                while (_messages.Count == 0)
                {
                    if (_completed)
                    {
                        message = null;
                        return false;
                    }

                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero || !Monitor.Wait(_gate, remaining))
                    {
                        if (_messages.Count == 0)
                        {
                            message = null;
                            return false;
                        }
                    }
                }

                message = _messages.Dequeue();
                Monitor.PulseAll(_gate);
                return true;
            }
        }

        public void Complete()
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
            }
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _messages.Count;
                }
            }
        }
    }
}
