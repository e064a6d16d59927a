using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind62.Curling.Sheets
{
    public sealed record SheetBooking(int Sheet, string Team, DateTime Start, DateTime End)
    {
        public bool Overlaps(SheetBooking other) =>
            Sheet == other.Sheet && Start < other.End && other.Start < End;
    }

    /// <summary>
    /// In-memory book of ice sheet reservations for the club. One instance is shared
    /// by the booking API (many concurrent requests) and the nightly housekeeping job.
    /// </summary>
    public sealed class SheetBookingBook
    {
        private List<SheetBooking> _bookings = new();

        public bool TryBook(SheetBooking booking)
        {
            ArgumentNullException.ThrowIfNull(booking);

            lock (_bookings)
            {
                foreach (var existing in _bookings)
                {
                    if (existing.Overlaps(booking))
                    {
                        return false;
                    }
                }

                _bookings.Add(booking);
                return true;
            }
        }

        public bool Cancel(int sheet, string team, DateTime start)
        {
            lock (_bookings)
            {
                int index = _bookings.FindIndex(b => b.Sheet == sheet && b.Team == team && b.Start == start);
                if (index < 0)
                {
                    return false;
                }

                _bookings.RemoveAt(index);
                return true;
            }
        }

        public IReadOnlyList<SheetBooking> ForDay(DateOnly day)
        {
            lock (_bookings)
            {
                return _bookings
                    .Where(b => DateOnly.FromDateTime(b.Start) == day)
                    .OrderBy(b => b.Sheet).ThenBy(b => b.Start)
                    .ToList();
            }
        }

        /// <summary>
        /// Drops bookings that finished before <paramref name="cutoff"/>. Called by the
        /// housekeeping job once a night.
        /// </summary>
        public int PurgeBefore(DateTime cutoff)
        {
            lock (_bookings)
            {
                var kept = _bookings.Where(b => b.End >= cutoff).ToList();
                int removed = _bookings.Count - kept.Count;
                _bookings = kept;
                return removed;
            }
        }
    }

    public sealed class BookingHousekeeping
    {
        private readonly SheetBookingBook _book;
        private readonly Timer _timer;

        public BookingHousekeeping(SheetBookingBook book)
        {
            _book = book;
            _timer = new Timer(_ => _book.PurgeBefore(DateTime.UtcNow.AddDays(-1)), null,
                TimeSpan.FromHours(1), TimeSpan.FromHours(24));
        }

        public void Stop() => _timer.Dispose();
    }
}
