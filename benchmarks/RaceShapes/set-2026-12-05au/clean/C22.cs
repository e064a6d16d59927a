using System.Collections.Generic;

namespace Blind47.Rafting.Bookings;

public sealed record RaftBooking(string BookingRef, string Trip, DateOnly Day, int Paddlers, string LeadName);

public interface IGuidePaymentGateway
{
    Task<string> ChargeDepositAsync(string leadName, decimal amount, CancellationToken ct);
}

/// <summary>
/// Takes bookings for the outfitter's river trips. Each trip day has a fixed
/// number of raft seats; the deposit is charged before the seats are confirmed.
/// Registered as a singleton behind the booking API.
/// </summary>
public sealed class RaftBookingService
{
    private readonly SemaphoreSlim _bookingGate = new(1, 1);
    private readonly Dictionary<(string Trip, DateOnly Day), int> _seatsTaken = new();
    private readonly List<RaftBooking> _bookings = new();
    private readonly IGuidePaymentGateway _payments;
    private readonly int _seatsPerDay;

    public RaftBookingService(IGuidePaymentGateway payments, int seatsPerDay = 48)
    {
        _payments = payments;
        _seatsPerDay = seatsPerDay;
    }

    public async Task<RaftBooking?> BookAsync(string trip, DateOnly day, int paddlers, string leadName, CancellationToken ct)
    {
        await _bookingGate.WaitAsync(ct);
        try
        {
            _seatsTaken.TryGetValue((trip, day), out var taken);
            if (taken + paddlers > _seatsPerDay)
            {
                return null;
            }

            var reference = await _payments.ChargeDepositAsync(leadName, 25m * paddlers, ct);

            _seatsTaken[(trip, day)] = taken + paddlers;
            var booking = new RaftBooking(reference, trip, day, paddlers, leadName);
            _bookings.Add(booking);
            return booking;
        }
        finally
        {
            _bookingGate.Release();
        }
    }

    public async Task<int> SeatsLeftAsync(string trip, DateOnly day, CancellationToken ct)
    {
        await _bookingGate.WaitAsync(ct);
        try
        {
            _seatsTaken.TryGetValue((trip, day), out var taken);
            return _seatsPerDay - taken;
        }
        finally
        {
            _bookingGate.Release();
        }
    }

    public async Task<IReadOnlyList<RaftBooking>> ManifestAsync(string trip, DateOnly day, CancellationToken ct)
    {
        await _bookingGate.WaitAsync(ct);
        try
        {
            return _bookings.Where(b => b.Trip == trip && b.Day == day).ToList();
        }
        finally
        {
            _bookingGate.Release();
        }
    }
}
