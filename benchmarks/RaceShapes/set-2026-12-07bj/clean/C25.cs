using System;
using System.Threading;

namespace Blind62.KiteFestival.Wind
{
    public sealed record WindAlert(string Field, double GustKnots, string Message, DateTimeOffset At);

    public interface IPublicAddress
    {
        void Announce(WindAlert alert);
    }

    /// <summary>
    /// Turns anemometer gust readings into public-address announcements for the kite
    /// field. Readings arrive from several mast threads; announcements are limited to
    /// one per quiet period so the crowd isn't told the same thing every second.
    /// </summary>
    public sealed class GustAnnouncer
    {
        private readonly IPublicAddress _pa;
        private readonly string _field;
        private readonly double _thresholdKnots;
        private readonly long _quietPeriodMs;
        private long _lastAnnouncedMs = long.MinValue / 2;
        private int _suppressed;

        public GustAnnouncer(IPublicAddress pa, string field, double thresholdKnots, TimeSpan quietPeriod)
        {
            _pa = pa;
            _field = field;
            _thresholdKnots = thresholdKnots;
            _quietPeriodMs = (long)quietPeriod.TotalMilliseconds;
        }

        public int SuppressedCount => Volatile.Read(ref _suppressed);

        public bool OnGust(double gustKnots)
        {
            if (gustKnots < _thresholdKnots)
            {
                return false;
            }

            long now = Environment.TickCount64;
            long last = Interlocked.Read(ref _lastAnnouncedMs);
            if (now - last < _quietPeriodMs)
            {
                Interlocked.Increment(ref _suppressed);
                return false;
            }

            // only the reading that moves the timestamp forward gets to announce
            if (Interlocked.CompareExchange(ref _lastAnnouncedMs, now, last) != last)
            {
                Interlocked.Increment(ref _suppressed);
                return false;
            }

            int skipped = Interlocked.Exchange(ref _suppressed, 0);
            string message = skipped > 0
                ? $"Gusts to {gustKnots:0} knots on {_field} ({skipped} further gusts since last call). Please bring large kites down."
                : $"Gusts to {gustKnots:0} knots on {_field}. Please bring large kites down.";

            _pa.Announce(new WindAlert(_field, gustKnots, message, DateTimeOffset.UtcNow));
            return true;
        }
    }
}
