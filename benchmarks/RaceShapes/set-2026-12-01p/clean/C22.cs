using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.Planetarium.Shows;

public sealed record ShowSlot(string ShowId, string Title, DateTimeOffset StartsAt, int Seats, int Sold);

public interface IBoxOffice
{
    Task<IReadOnlyList<ShowSlot>> GetTodayAsync(CancellationToken ct);
}

/// <summary>
/// Keeps the foyer display board's list of today's dome shows fresh. A PeriodicTimer
/// loop pulls from the box office; the display and the kiosk API read the board.
/// </summary>
public sealed class FoyerBoard
{
    private readonly IBoxOffice _boxOffice;
    private readonly object _sync = new();
    private readonly List<ShowSlot> _slots = new();
    private DateTimeOffset _refreshedAt;

    public FoyerBoard(IBoxOffice boxOffice) => _boxOffice = boxOffice;

    public async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        var consecutiveFailures = 0;

        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            IReadOnlyList<ShowSlot> today;
            try
            {
                today = await _boxOffice.GetTodayAsync(ct).ConfigureAwait(false);
                consecutiveFailures = 0;
            }
            catch (HttpRequestException) when (++consecutiveFailures < 5)
            {
                continue;
            }

            var upcoming = today
                .Where(s => s.StartsAt > DateTimeOffset.Now.AddMinutes(-10))
                .OrderBy(s => s.StartsAt)
                .ToList();

            lock (_sync)
            {
                _slots.Clear();
                _slots.AddRange(upcoming);
                _refreshedAt = DateTimeOffset.Now;
            }
        }
    }

    public IReadOnlyList<string> DisplayLines()
    {
        lock (_sync)
        {
            return _slots
                .Select(s => $"{s.StartsAt:HH:mm}  {s.Title,-32} {(s.Sold >= s.Seats ? "SOLD OUT" : $"{s.Seats - s.Sold} seats")}")
                .ToList();
        }
    }

    public ShowSlot? NextWithSeats()
    {
        lock (_sync)
        {
            return _slots.FirstOrDefault(s => s.Sold < s.Seats);
        }
    }

    public TimeSpan Staleness
    {
        get
        {
            lock (_sync)
            {
                return _refreshedAt == default ? TimeSpan.MaxValue : DateTimeOffset.Now - _refreshedAt;
            }
        }
    }
}
