namespace Greenhouse.Irrigation
{
    public interface IValveBus
    {
        double ReadSoilMoisture(int zone);
        void SetValve(int zone, bool open);
    }

    /// <summary>
    /// Cycles the drip-irrigation valves for each bench zone, one pass per
    /// period, re-arming the timer at the end of each pass.
    /// </summary>
    public sealed class DripZoneScheduler : IDisposable
    {
        private readonly IValveBus _bus;
        private readonly int _zoneCount;
        private readonly TimeSpan _period;
        private readonly Timer _timer;
        private readonly bool[] _open;
        private readonly int[] _openPasses;
        private long _passes;
        private int _disposed;
        private int _started;

        public DripZoneScheduler(IValveBus bus, int zoneCount, TimeSpan period)
        {
            _bus = bus;
            _zoneCount = zoneCount;
            _period = period;
            _open = new bool[zoneCount];
            _openPasses = new int[zoneCount];
            _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
        }

        public double DryThreshold { get; init; } = 0.28;

        public double WetThreshold { get; init; } = 0.40;

        public int MaxOpenPasses { get; init; } = 6;

        public long Passes => Interlocked.Read(ref _passes);

        public void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) == 0)
            {
                _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }

        private void OnTick(object? state)
        {
            try
            {
                for (var zone = 0; zone < _zoneCount; zone++)
                {
                    var moisture = _bus.ReadSoilMoisture(zone);

                    if (_open[zone])
                    {
                        _openPasses[zone]++;
                        if (moisture >= WetThreshold || _openPasses[zone] >= MaxOpenPasses)
                        {
                            _bus.SetValve(zone, false);
                            _open[zone] = false;
                            _openPasses[zone] = 0;
                        }
                    }
                    else if (moisture < DryThreshold)
                    {
                        _bus.SetValve(zone, true);
                        _open[zone] = true;
                    }
                }

                Interlocked.Increment(ref _passes);
            }
            finally
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    try
                    {
                        _timer.Change(_period, Timeout.InfiniteTimeSpan);
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _timer.Dispose();
            }
        }
    }
}
