using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind62.Curling.Bonspiel
{
    public sealed record SheetBooking(int Sheet, string Team, DateTime Start, DateTime End)
    {
        public bool Overlaps(SheetBooking other) =>
            Sheet == other.Sheet && Start < other.End && other.Start < End;
    }

    /// <summary>
    /// Sheet allocations for the club's weekend bonspiel. Shared by the draw-master's
    /// API and the scoreboard service; a housekeeping timer prunes finished draws.
    /// </summary>
    public sealed class BonspielSheetBook
    {
        private readonly object _gate = new();
        private List<SheetBooking> _bookings = new();
        private int _version;

        public bool TryBook(SheetBooking booking)
        {
            ArgumentNullException.ThrowIfNull(booking);

            lock (_gate)
            {
                if (_bookings.Any(b => b.Overlaps(booking)))
                {
                    return false;
                }

                _bookings.Add(booking);
                _version++;
                return true;
            }
        }

        public IReadOnlyList<SheetBooking> ForSheet(int sheet)
        {
            lock (_gate)
            {
                return _bookings.Where(b => b.Sheet == sheet).OrderBy(b => b.Start).ToArray();
            }
        }

        public (int Version, IReadOnlyList<SheetBooking> Bookings) Snapshot()
        {
            lock (_gate)
            {
                return (_version, _bookings.ToArray());
            }
        }

        public int PurgeBefore(DateTime cutoff)
        {
            lock (_gate)
            {
                var kept = _bookings.Where(b => b.End >= cutoff).ToList();
                int removed = _bookings.Count - kept.Count;
                if (removed > 0)
                {
                    _bookings = kept;
                    _version++;
                }

                return removed;
            }
        }
    }

    public sealed class DrawHousekeeping : IDisposable
    {
        private readonly Timer _timer;

        public DrawHousekeeping(BonspielSheetBook book)
        {
            _timer = new Timer(_ => book.PurgeBefore(DateTime.UtcNow.AddHours(-2)), null,
                TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));
        }

        public void Dispose() => _timer.Dispose();
    }
}
