namespace Blind64.Lifeboat.Availability
{
    /// <summary>
    /// Counts how many helm-qualified crew are available for a shout. Crew pagers post
    /// availability changes concurrently; the coxswain's display reads the count.
    /// Shared across the station app as a singleton.
    /// </summary>
    public sealed class HelmAvailabilityCounter
    {
        private int _available;
        private int _peakToday;
        private long _changes;

        public int Available => Volatile.Read(ref _available);
        public int PeakToday => Volatile.Read(ref _peakToday);
        public long Changes => Interlocked.Read(ref _changes);

        public void MarkAvailable()
        {
            var now = Interlocked.Increment(ref _available);
            Interlocked.Increment(ref _changes);
            RaisePeak(now);
        }

        public bool MarkUnavailable()
        {
            while (true)
            {
                var current = Volatile.Read(ref _available);
                if (current == 0)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _available, current - 1, current) == current)
                {
                    Interlocked.Increment(ref _changes);
                    return true;
                }
            }
        }

        public int ResetPeakForNewDay()
        {
            return Interlocked.Exchange(ref _peakToday, Volatile.Read(ref _available));
        }

        private void RaisePeak(int candidate)
        {
            var peak = Volatile.Read(ref _peakToday);
            while (candidate > peak)
            {
                var seen = Interlocked.CompareExchange(ref _peakToday, candidate, peak);
                if (seen == peak)
                {
                    return;
                }

                peak = seen;
            }
        }
    }

    /// <summary>Receives pager status webhooks.</summary>
    public sealed class PagerStatusEndpoint
    {
        private readonly HelmAvailabilityCounter _counter;

        public PagerStatusEndpoint(HelmAvailabilityCounter counter) => _counter = counter;

        public string Post(string status)
        {
            switch (status)
            {
                case "available":
                    _counter.MarkAvailable();
                    break;
                case "stood-down":
                    _counter.MarkUnavailable();
                    break;
            }

            return $"{_counter.Available} helms available (peak {_counter.PeakToday})";
        }
    }
}
