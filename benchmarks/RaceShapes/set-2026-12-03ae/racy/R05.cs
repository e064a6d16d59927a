namespace Blind31.HotAirBalloonLaunches.Scheduling;

public sealed record BalloonBooking(string Pilot, string Envelope, DateTime SlotUtc, bool Confirmed);

public sealed record LaunchSlot(string Pilot, string Envelope, DateTime SlotUtc, bool Standby);

/// <summary>
/// Keeps the launch-field board that the marshals' tablets display. The board is rebuilt
/// on a fixed interval from the booking system; tablets read the latest published board.
/// </summary>
public sealed class LaunchBoard
{
    private readonly Func<IReadOnlyList<BalloonBooking>> _loadBookings;
    private volatile List<LaunchSlot> _published = new();

    public LaunchBoard(Func<IReadOnlyList<BalloonBooking>> loadBookings)
    {
        _loadBookings = loadBookings;
    }

    public int SlotCount => _published.Count;

    /// <summary>Called from the tablet API to look up a pilot's next slot.</summary>
    public LaunchSlot? FindSlot(string pilot)
    {
        foreach (var slot in _published)
        {
            if (string.Equals(slot.Pilot, pilot, StringComparison.OrdinalIgnoreCase))
            {
                return slot;
            }
        }

        return null;
    }

    public Task StartAsync(TimeSpan interval, CancellationToken ct)
    {
        return Task.Run(() => RebuildLoopAsync(interval, ct), ct);
    }

    private async Task RebuildLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var bookings = _loadBookings();
            var next = new List<LaunchSlot>(bookings.Count);

            foreach (var booking in bookings.Where(b => b.Confirmed).OrderBy(b => b.SlotUtc))
            {
                next.Add(new LaunchSlot(booking.Pilot, booking.Envelope, booking.SlotUtc, Standby: false));
            }

            // Confirmed slots go out first so marshals see them as soon as possible.
            _published = next;

            foreach (var booking in bookings.Where(b => !b.Confirmed).OrderBy(b => b.SlotUtc))
            {
                next.Add(new LaunchSlot(booking.Pilot, booking.Envelope, booking.SlotUtc, Standby: true));
            }
        }
    }
}

/// <summary>Minimal handler used by the marshals' tablet endpoint.</summary>
public sealed class MarshalTabletHandler
{
    private readonly LaunchBoard _board;

    public MarshalTabletHandler(LaunchBoard board)
    {
        _board = board;
    }

    public string Describe(string pilot)
    {
        var slot = _board.FindSlot(pilot);
        if (slot is null)
        {
            return $"{pilot}: no slot on the board ({_board.SlotCount} slots listed)";
        }

        return slot.Standby
            ? $"{pilot}: standby for {slot.SlotUtc:HH:mm}"
            : $"{pilot}: launching {slot.Envelope} at {slot.SlotUtc:HH:mm}";
    }
}
