using System.Collections.Concurrent;

namespace VetClinic.Scheduling;

public sealed record Appointment(Guid Id, string PetName, string OwnerPhone, string VetId, DateTime Start, TimeSpan Length);

/// <summary>
/// Day book for every vet in the practice. Registered as a singleton in the clinic web app;
/// the online booking page, the reception desk API and the SMS reminder job all call it.
/// </summary>
public sealed class AppointmentBook
{
    private readonly ConcurrentDictionary<string, List<Appointment>> _byVet =
        new(StringComparer.OrdinalIgnoreCase);

    public Appointment Book(string vetId, string petName, string ownerPhone, DateTime start, TimeSpan length)
    {
        if (length <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        var appointment = new Appointment(Guid.NewGuid(), petName, ownerPhone, vetId, start, length);
        var diary = _byVet.GetOrAdd(vetId, _ => new List<Appointment>());
        diary.Add(appointment);
        return appointment;
    }

    public int CountForVet(string vetId)
    {
        return _byVet.TryGetValue(vetId, out var diary) ? diary.Count : 0;
    }

    public IEnumerable<string> VetsWithBookings() => _byVet.Keys;
}

/// <summary>
/// Receives phone-in bookings from the reception desk integration.
/// </summary>
public sealed class ReceptionBookingEndpoint
{
    private readonly AppointmentBook _book;

    public ReceptionBookingEndpoint(AppointmentBook book) => _book = book;

    public Task<Guid> HandleAsync(string vetId, string petName, string phone, DateTime start)
    {
        var appointment = _book.Book(vetId, petName, phone, start, TimeSpan.FromMinutes(15));
        return Task.FromResult(appointment.Id);
    }
}

/// <summary>
/// Replays bookings that arrived from the online form while the clinic system was offline.
/// </summary>
public sealed class OnlineBookingReplay
{
    private readonly AppointmentBook _book;

    public OnlineBookingReplay(AppointmentBook book) => _book = book;

    public Task ReplayAsync(IEnumerable<(string VetId, string Pet, string Phone, DateTime Start)> pending)
    {
        var work = pending.Select(p => Task.Run(() =>
            _book.Book(p.VetId, p.Pet, p.Phone, p.Start, TimeSpan.FromMinutes(20))));
        return Task.WhenAll(work);
    }
}
