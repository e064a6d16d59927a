namespace Blind22.Planetarium.Projector;

public sealed record DomeBooking(Guid Id, string ShowTitle, DateTimeOffset Start, TimeSpan Length);

public interface IProjectorCalendar
{
    Task SaveAsync(DomeBooking booking, CancellationToken ct);
    Task RemoveAsync(Guid id, CancellationToken ct);
}

/// <summary>
/// Books the dome projector for shows, school visits and private events. Singleton used
/// by the booking UI, the school portal and the nightly import job at the same time.
/// </summary>
public sealed class ProjectorScheduler : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedList<DateTimeOffset, DomeBooking> _bookings = new();
    private readonly IProjectorCalendar _calendar;
    private static readonly TimeSpan Changeover = TimeSpan.FromMinutes(15);

    public ProjectorScheduler(IProjectorCalendar calendar) => _calendar = calendar;

    public async Task<bool> TryBookAsync(DomeBooking booking, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            foreach (var existing in _bookings.Values)
            {
                var existingEnd = existing.Start + existing.Length + Changeover;
                var newEnd = booking.Start + booking.Length + Changeover;
                if (booking.Start < existingEnd && existing.Start < newEnd)
                {
                    return false;
                }
            }
            await _calendar.SaveAsync(booking, ct).ConfigureAwait(false);
            _bookings.Add(booking.Start, booking);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CancelAsync(Guid id, CancellationToken ct)
    {
        DomeBooking? found = null;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            found = _bookings.Values.FirstOrDefault(b => b.Id == id);
            if (found is null)
            {
                return false;
            }
            _bookings.Remove(found.Start);
        }
        finally
        {
            _gate.Release();
        }

        await _calendar.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<DomeBooking>> OnDayAsync(DateOnly day, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _bookings.Values.Where(b => DateOnly.FromDateTime(b.Start.LocalDateTime) == day).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
