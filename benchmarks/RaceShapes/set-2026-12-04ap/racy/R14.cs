using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Blind42.HotSprings.Bookings;

public sealed record SoakBooking(int TicketNumber, string Guest, string Pool, DateTime SlotStart);

/// <summary>
/// Creates soaking-pool bookings. Registered as a scoped service: one instance per request.
/// Ticket numbers are printed on the wristbands and must be unique for the day.
/// </summary>
public sealed class SoakBookingService
{
    private static int s_lastTicketNumber = 1000;

    private readonly List<SoakBooking> _createdInThisRequest = new();

    public SoakBooking Book(string guest, string pool, DateTime slotStart)
    {
        if (slotStart.Minute % 30 != 0)
        {
            throw new ArgumentException("Slots start on the hour or half hour.", nameof(slotStart));
        }

        var ticket = ++s_lastTicketNumber;
        var booking = new SoakBooking(ticket, guest, pool, slotStart);
        _createdInThisRequest.Add(booking);
        return booking;
    }

    public IReadOnlyList<SoakBooking> CreatedInThisRequest => _createdInThisRequest;
}

[ApiController]
[Route("api/bookings")]
public sealed class SoakBookingsController : ControllerBase
{
    private readonly SoakBookingService _bookings;

    public SoakBookingsController(SoakBookingService bookings) => _bookings = bookings;

    public sealed record BookingRequest(string Guest, string Pool, DateTime SlotStart, int Party);

    [HttpPost]
    public ActionResult<IReadOnlyList<SoakBooking>> Create([FromBody] BookingRequest request)
    {
        if (request.Party is < 1 or > 8)
        {
            return BadRequest("Party size must be between 1 and 8.");
        }

        for (var i = 0; i < request.Party; i++)
        {
            var guestName = i == 0 ? request.Guest : $"{request.Guest} +{i}";
            _bookings.Book(guestName, request.Pool, request.SlotStart);
        }

        return Ok(_bookings.CreatedInThisRequest);
    }
}

public static class SoakBookingRegistration
{
    public static IServiceCollection AddSoakBookings(this IServiceCollection services)
    {
        services.AddScoped<SoakBookingService>();
        return services;
    }
}
