using System.Collections.Generic;

namespace Blind65.IceHotels.Booking;

/// <summary>
/// Keeps track of which ice suites are booked on which nights. One instance is
/// shared by the booking API controllers and the housekeeping dashboard.
/// </summary>
public sealed class SuiteAvailability
{
    private readonly object _bookingGate = new();
    private readonly Dictionary<string, HashSet<DateOnly>> _bookedNights = new();
    private readonly List<string> _suites;

    public SuiteAvailability(IEnumerable<string> suites)
    {
        _suites = new List<string>(suites);
        foreach (var suite in _suites)
        {
            _bookedNights[suite] = new HashSet<DateOnly>();
        }
    }

    public bool TryBook(string suite, DateOnly arrival, int nights)
    {
        lock (_bookingGate)
        {
            var booked = _bookedNights[suite];
            for (var i = 0; i < nights; i++)
            {
                if (booked.Contains(arrival.AddDays(i)))
                {
                    return false;
                }
            }
            for (var i = 0; i < nights; i++)
            {
                booked.Add(arrival.AddDays(i));
            }
            return true;
        }
    }

    /// <summary>
    /// Releases nights when a guest cancels. Suites melt down at the end of the
    /// season, so cancellations are also issued in bulk by the closing job.
    /// </summary>
    public void Cancel(string suite, DateOnly arrival, int nights)
    {
        lock (_suites)
        {
            var booked = _bookedNights[suite];
            for (var i = 0; i < nights; i++)
            {
                booked.Remove(arrival.AddDays(i));
            }
        }
    }

    public int FreeSuitesOn(DateOnly night)
    {
        lock (_bookingGate)
        {
            var free = 0;
            foreach (var suite in _suites)
            {
                if (!_bookedNights[suite].Contains(night))
                {
                    free++;
                }
            }
            return free;
        }
    }
}

public sealed class SeasonCloser
{
    private readonly SuiteAvailability _availability;

    public SeasonCloser(SuiteAvailability availability) => _availability = availability;

    public Task CloseAsync(IEnumerable<(string Suite, DateOnly Arrival, int Nights)> bookings)
    {
        return Task.Run(() =>
        {
            foreach (var (suite, arrival, nights) in bookings)
            {
                _availability.Cancel(suite, arrival, nights);
            }
        });
    }
}
