namespace Blind51.ParaglidingSchools.Bookings;

public sealed record TandemSlot(DateOnly Day, int Hour, string Pilot);

public interface IWeatherWindowService
{
    Task<bool> IsFlyableAsync(DateOnly day, int hour, CancellationToken cancellationToken);
}

/// <summary>
/// Books tandem flights. A slot is only sold if the forecast says it is flyable.
/// Registered as a singleton used by the booking website and the front-desk app.
/// </summary>
public sealed class TandemBookingService : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<TandemSlot, string> _bookings = new();
    private readonly IReadOnlyList<string> _pilots;
    private readonly IWeatherWindowService _weather;

    public TandemBookingService(IReadOnlyList<string> pilots, IWeatherWindowService weather)
    {
        _pilots = pilots;
        _weather = weather;
    }

    public async Task<TandemSlot?> BookAsync(DateOnly day, int hour, string passenger, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var freePilot = _pilots.FirstOrDefault(p => !_bookings.ContainsKey(new TandemSlot(day, hour, p)));
            if (freePilot is null) return null;

            if (!await _weather.IsFlyableAsync(day, hour, cancellationToken).ConfigureAwait(false))
                return null;

            var slot = new TandemSlot(day, hour, freePilot);
            _bookings.Add(slot, passenger);
            return slot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CancelAsync(TandemSlot slot, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _bookings.Remove(slot);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<(TandemSlot Slot, string Passenger)>> DayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _bookings.Where(b => b.Key.Day == day)
                .OrderBy(b => b.Key.Hour)
                .Select(b => (b.Key, b.Value))
                .ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>
/// Books a whole group of friends onto the same hour, one tandem each.
/// </summary>
public static class GroupBooking
{
    public static async Task<int> BookGroupAsync(TandemBookingService service, DateOnly day, int hour, IEnumerable<string> passengers, CancellationToken cancellationToken)
    {
        var attempts = passengers.Select(p => service.BookAsync(day, hour, p, cancellationToken));
        var slots = await Task.WhenAll(attempts).ConfigureAwait(false);
        return slots.Count(s => s is not null);
    }
}
