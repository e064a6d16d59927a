using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Timers;

namespace Arena.Zones
{
    /// <summary>
    /// Shrinking safe zone for a battle-royale match. The zone ticks on a timer;
    /// player movement updates arrive from the network handlers.
    /// </summary>
    public sealed class ZoneController : IDisposable
    {
        private sealed class PlayerState
        {
            public float DistanceFromCenter;
            public float Health = 100f;
        }

        private const float ShrinkPerTick = 2.5f;
        private const float DamagePerTick = 1.5f;

        private readonly object _tickLock = new();
        private readonly Dictionary<int, PlayerState> _players = new();
        private readonly System.Timers.Timer _timer;
        private float _radius;
        private long _skippedTicks;

        public ZoneController(float initialRadius, TimeSpan tickInterval)
        {
            _radius = initialRadius;
            _timer = new System.Timers.Timer(tickInterval.TotalMilliseconds) { AutoReset = true };
            _timer.Elapsed += OnElapsed;
            _timer.Start();
        }

        public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

        public float Radius
        {
            get { lock (_tickLock) return _radius; }
        }

        public void UpdatePosition(int playerId, float distanceFromCenter)
        {
            lock (_tickLock)
            {
                if (!_players.TryGetValue(playerId, out var state))
                {
                    state = new PlayerState();
                    _players.Add(playerId, state);
                }
                state.DistanceFromCenter = distanceFromCenter;
            }
        }

        public IReadOnlyDictionary<int, float> HealthSnapshot()
        {
            lock (_tickLock)
                return _players.ToDictionary(p => p.Key, p => p.Value.Health);
        }

        private void OnElapsed(object? sender, ElapsedEventArgs e)
        {
            if (!Monitor.TryEnter(_tickLock))
            {
                Interlocked.Increment(ref _skippedTicks);
                return;
            }

            try
            {
                _radius = Math.Max(25f, _radius - ShrinkPerTick);
                foreach (var state in _players.Values)
                {
                    if (state.DistanceFromCenter > _radius && state.Health > 0f)
                        state.Health = Math.Max(0f, state.Health - DamagePerTick);
                }
            }
            finally
            {
                Monitor.Exit(_tickLock);
            }
        }

        public void Dispose()
        {
            _timer.Stop();
            _timer.Elapsed -= OnElapsed;
            _timer.Dispose();
        }
    }
}
