using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Chat.Presence.Sweeping
{
    public interface IPresenceNotifier
    {
        void UserWentIdle(string userId);
    }

    /// <summary>
    /// Marks chat users idle when they have not sent anything for a while.
    /// Message handlers call <see cref="RecordActivity"/> for every message.
    /// </summary>
    public sealed class IdleSessionSweeper : IDisposable
    {
        private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);

        private readonly ConcurrentDictionary<string, long> _lastActivityTicks = new(StringComparer.Ordinal);
        private readonly HashSet<string> _idle = new(StringComparer.Ordinal);
        private readonly List<string> _newlyIdle = new();
        private readonly IPresenceNotifier _notifier;
        private readonly TimeSpan _idleAfter;
        private readonly Timer _timer;
        private int _sweepCount;
        private volatile bool _disposed;

        public IdleSessionSweeper(IPresenceNotifier notifier, TimeSpan idleAfter)
        {
            _notifier = notifier;
            _idleAfter = idleAfter;
            _timer = new Timer(Sweep, null, Timeout.Infinite, Timeout.Infinite);
            _timer.Change(SweepInterval, Timeout.InfiniteTimeSpan);
        }

        public int SweepCount => Volatile.Read(ref _sweepCount);

        public void RecordActivity(string userId) =>
            _lastActivityTicks[userId] = DateTime.UtcNow.Ticks;

        private void Sweep(object? state)
        {
            try
            {
                long cutoff = DateTime.UtcNow.Ticks - _idleAfter.Ticks;
                _newlyIdle.Clear();

                foreach (var (userId, ticks) in _lastActivityTicks)
                {
                    if (ticks < cutoff)
                    {
                        if (_idle.Add(userId))
                            _newlyIdle.Add(userId);
                    }
                    else
                    {
                        _idle.Remove(userId);
                    }
                }

                foreach (var userId in _newlyIdle)
                    _notifier.UserWentIdle(userId);

                Interlocked.Increment(ref _sweepCount);
            }
            finally
            {
                if (!_disposed)
                {
                    try
                    {
                        _timer.Change(SweepInterval, Timeout.InfiniteTimeSpan);
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _timer.Dispose();
        }
    }
}
