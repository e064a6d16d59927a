namespace Blind38.Ferry.Bookings;

public sealed record VehicleBooking(string Reference, string Registration, double LengthMetres, decimal Fare);

public readonly record struct SailingLoad(int Vehicles, double LaneMetresUsed, decimal Revenue);

/// <summary>
/// Vehicle deck allocation for one sailing. The booking website, the port office and the
/// check-in booths all call into the same instance while the sailing is open.
/// </summary>
public sealed class SailingDeck
{
    private readonly object _gate = new();
    private readonly List<VehicleBooking> _bookings = new();
    private readonly double _laneMetresCapacity;
    private double _laneMetresUsed;
    private decimal _revenue;
    private bool _closed;

    public SailingDeck(string sailingId, double laneMetresCapacity)
    {
        SailingId = sailingId;
        _laneMetresCapacity = laneMetresCapacity;
    }

    public string SailingId { get; }

    public bool TryBook(VehicleBooking booking)
    {
        lock (_gate)
        {
            if (_closed || _laneMetresUsed + booking.LengthMetres > _laneMetresCapacity)
            {
                return false;
            }

            _bookings.Add(booking);
            _laneMetresUsed += booking.LengthMetres;
            _revenue += booking.Fare;
            return true;
        }
    }

    public bool Cancel(string reference)
    {
        lock (_gate)
        {
            var index = _bookings.FindIndex(b => b.Reference == reference);
            if (index < 0 || _closed)
            {
                return false;
            }

            var booking = _bookings[index];
            _bookings.RemoveAt(index);
            _laneMetresUsed -= booking.LengthMetres;
            _revenue -= booking.Fare;
            return true;
        }
    }

    public SailingLoad Load
    {
        get
        {
            lock (_gate)
            {
                return new SailingLoad(_bookings.Count, _laneMetresUsed, _revenue);
            }
        }
    }

    /// <summary>Closes the deck at the cut-off and returns the final loading list.</summary>
    public IReadOnlyList<VehicleBooking> CloseAndGetManifest()
    {
        lock (_gate)
        {
            _closed = true;
            return _bookings.OrderByDescending(b => b.LengthMetres).ToArray();
        }
    }
}
