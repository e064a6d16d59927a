using System.Collections.Generic;
using System.Linq;

namespace Booking.Seating
{
    public sealed record SeatHold(string SeatId, string CustomerId, DateTimeOffset ExpiresAt);

    /// <summary>
    /// Temporary seat holds for a performance while customers complete payment.
    /// Registered as a singleton in the service container and used by every
    /// booking request.
    /// </summary>
    public sealed class SeatHoldService
    {
        private static readonly TimeSpan HoldDuration = TimeSpan.FromMinutes(10);

        private readonly SortedDictionary<string, SeatHold> _holds = new(StringComparer.OrdinalIgnoreCase);
        private readonly TimeProvider _clock;

        public SeatHoldService(TimeProvider clock)
        {
            _clock = clock;
        }

        public bool TryHold(string seatId, string customerId, out SeatHold? hold)
        {
            var now = _clock.GetUtcNow();

            if (_holds.TryGetValue(seatId, out var existing) && existing.ExpiresAt > now)
            {
                hold = existing.CustomerId == customerId ? existing : null;
                return hold != null;
            }

            hold = new SeatHold(seatId, customerId, now + HoldDuration);
            _holds[seatId] = hold;
            return true;
        }

        public bool Release(string seatId, string customerId)
        {
            if (_holds.TryGetValue(seatId, out var existing) && existing.CustomerId == customerId)
                return _holds.Remove(seatId);
            return false;
        }

        public IReadOnlyList<string> HeldSeats()
        {
            var now = _clock.GetUtcNow();
            return _holds.Values.Where(h => h.ExpiresAt > now).Select(h => h.SeatId).ToList();
        }
    }
}
