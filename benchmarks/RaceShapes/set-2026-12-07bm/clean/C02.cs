using System.Collections.Generic;

namespace Blind65.IceHotels.Rooms;

/// <summary>
/// Night-by-night allocation of the ice hotel's art suites. Shared by the
/// booking controllers, the front desk app and the end-of-season closer.
/// </summary>
public sealed class ArtSuiteLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SortedSet<DateOnly>> _nights = new();

    public ArtSuiteLedger(IEnumerable<string> suites)
    {
        foreach (var suite in suites)
        {
            _nights[suite] = new SortedSet<DateOnly>();
        }
    }

    public bool TryReserve(string suite, DateOnly arrival, int nights)
    {
        lock (_gate)
        {
            if (!IsFree(suite, arrival, nights))
            {
                return false;
            }
            Mark(suite, arrival, nights, reserved: true);
            return true;
        }
    }

    public void Release(string suite, DateOnly arrival, int nights)
    {
        lock (_gate)
        {
            Mark(suite, arrival, nights, reserved: false);
        }
    }

    public bool TryMove(string fromSuite, string toSuite, DateOnly arrival, int nights)
    {
        lock (_gate)
        {
            if (!IsFree(toSuite, arrival, nights))
            {
                return false;
            }
            Mark(fromSuite, arrival, nights, reserved: false);
            Mark(toSuite, arrival, nights, reserved: true);
            return true;
        }
    }

    public DateOnly? FirstBookedNight(string suite)
    {
        lock (_gate)
        {
            var set = _nights[suite];
            return set.Count == 0 ? null : set.Min;
        }
    }

    private bool IsFree(string suite, DateOnly arrival, int nights)
    {
        var set = _nights[suite];
        for (var i = 0; i < nights; i++)
        {
            if (set.Contains(arrival.AddDays(i)))
            {
                return false;
            }
        }
        return true;
    }

    private void Mark(string suite, DateOnly arrival, int nights, bool reserved)
    {
        var set = _nights[suite];
        for (var i = 0; i < nights; i++)
        {
            if (reserved)
            {
                set.Add(arrival.AddDays(i));
            }
            else
            {
                set.Remove(arrival.AddDays(i));
            }
        }
    }
}

public sealed class SeasonEndJob
{
    private readonly ArtSuiteLedger _ledger;

    public SeasonEndJob(ArtSuiteLedger ledger) => _ledger = ledger;

    public Task RunAsync(IReadOnlyList<(string Suite, DateOnly Arrival, int Nights)> stays) =>
        Parallel.ForEachAsync(stays, (stay, _) =>
        {
            _ledger.Release(stay.Suite, stay.Arrival, stay.Nights);
            return ValueTask.CompletedTask;
        });
}
