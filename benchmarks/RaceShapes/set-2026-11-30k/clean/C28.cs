using System.Collections.Generic;

namespace Booking.Confirmation
{
    /// <summary>
    /// Human-readable booking references such as BK240531-00042. The sequence
    /// restarts every UTC day.
    /// </summary>
    public static class BookingReference
    {
        private static readonly object s_sync = new();
        private static int s_sequence;
        private static DateOnly s_day;

        public static string Next(DateTime utcNow)
        {
            var today = DateOnly.FromDateTime(utcNow);
            lock (s_sync)
            {
                if (today != s_day)
                {
                    s_day = today;
                    s_sequence = 0;
                }

                s_sequence++;
                return $"BK{today:yyMMdd}-{s_sequence:D5}";
            }
        }
    }

    /// <summary>
    /// Confirms paid orders. Registered as a singleton and called by the
    /// payment webhook for every successful charge; webhooks may be retried
    /// and delivered more than once.
    /// </summary>
    public sealed class BookingConfirmer
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, string> _referenceByOrder = new(StringComparer.Ordinal);
        private readonly TimeProvider _clock;

        public BookingConfirmer(TimeProvider clock)
        {
            _clock = clock;
        }

        public string Confirm(string orderId)
        {
            lock (_gate)
            {
                if (_referenceByOrder.TryGetValue(orderId, out var existing))
                    return existing;

                var reference = BookingReference.Next(_clock.GetUtcNow().UtcDateTime);
                _referenceByOrder.Add(orderId, reference);
                return reference;
            }
        }

        public string? Lookup(string orderId)
        {
            lock (_gate)
                return _referenceByOrder.TryGetValue(orderId, out var reference) ? reference : null;
        }

        public int ConfirmedCount
        {
            get { lock (_gate) return _referenceByOrder.Count; }
        }
    }
}
