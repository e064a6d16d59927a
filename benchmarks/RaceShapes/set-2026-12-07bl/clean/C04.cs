namespace Blind64.DryStone.Scheduling
{
    public interface IWallSurveyClient
    {
        Task<int> CountLooseCopestonesAsync(string wallId, CancellationToken ct);
    }

    /// <summary>
    /// Periodically re-surveys each registered wall for loose copestones. The timer is
    /// one-shot and re-armed at the end of every callback, with a delay that backs off
    /// when nothing has changed.
    /// </summary>
    public sealed class CopestoneSurveyScheduler : IDisposable
    {
        private static readonly TimeSpan MinDelay = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(6);

        private readonly IWallSurveyClient _client;
        private readonly Timer _timer;
        private readonly object _resultsGate = new();
        private readonly Dictionary<string, int> _lastCounts = new();
        private readonly string[] _walls;
        private TimeSpan _delay = MinDelay;
        private bool _disposed;
        private int _started;

        public CopestoneSurveyScheduler(IWallSurveyClient client, IEnumerable<string> walls)
        {
            _client = client;
            _walls = walls.ToArray();
            _timer = new Timer(OnTick, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) == 0)
            {
                _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }

        private async void OnTick(object? state)
        {
            var changed = false;
            try
            {
                foreach (var wall in _walls)
                {
                    var loose = await _client.CountLooseCopestonesAsync(wall, CancellationToken.None).ConfigureAwait(false);
                    lock (_resultsGate)
                    {
                        if (!_lastCounts.TryGetValue(wall, out var previous) || previous != loose)
                        {
                            changed = true;
                        }

                        _lastCounts[wall] = loose;
                    }
                }
            }
            catch (HttpRequestException)
            {
                changed = true;
            }

            // Back off while the walls are stable; survey again soon after any change.
            _delay = changed ? MinDelay : TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, MaxDelay.Ticks));

            lock (_resultsGate)
            {
                if (!_disposed)
                {
                    _timer.Change(_delay, Timeout.InfiniteTimeSpan);
                }
            }
        }

        public IReadOnlyDictionary<string, int> LatestCounts()
        {
            lock (_resultsGate)
            {
                return new Dictionary<string, int>(_lastCounts);
            }
        }

        public void Dispose()
        {
            lock (_resultsGate)
            {
                _disposed = true;
                _timer.Dispose();
            }
        }
    }
}
