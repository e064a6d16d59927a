namespace SledDogs.Feeding;

public sealed record FeedRation(string Dog, double Kilograms, bool Supplement);

/// <summary>
/// Feeding station for one row of the dog yard. Each row is worked by its own
/// handler, so stations are used from different threads; the yard-wide total of
/// food dispensed today is kept for the kitchen's order sheet.
/// </summary>
public sealed class FeedingStation
{
    private static readonly object YardTotalsGate = new();
    private static double _yardKilogramsToday;
    private static int _yardMealsToday;

    private readonly object _sync = new();
    private readonly Dictionary<string, double> _fedToday = new(StringComparer.Ordinal);

    public FeedingStation(string row) => Row = row;

    public string Row { get; }

    public static (double Kilograms, int Meals) YardTotals()
    {
        lock (YardTotalsGate)
        {
            return (_yardKilogramsToday, _yardMealsToday);
        }
    }

    public static void ResetYardTotals()
    {
        lock (YardTotalsGate)
        {
            _yardKilogramsToday = 0;
            _yardMealsToday = 0;
        }
    }

    public bool Feed(FeedRation ration, double dailyLimitKg)
    {
        lock (_sync)
        {
            _fedToday.TryGetValue(ration.Dog, out var already);
            if (already + ration.Kilograms > dailyLimitKg)
            {
                return false;
            }
            _fedToday[ration.Dog] = already + ration.Kilograms;
        }

        lock (YardTotalsGate)
        {
            _yardKilogramsToday += ration.Kilograms;
            _yardMealsToday++;
        }
        return true;
    }

    public double FedToday(string dog)
    {
        lock (_sync)
        {
            return _fedToday.TryGetValue(dog, out var kg) ? kg : 0;
        }
    }
}

public static class FeedingRound
{
    public static int Run(IReadOnlyList<FeedingStation> stations, Func<FeedingStation, IEnumerable<FeedRation>> rations)
    {
        int fed = 0;
        Parallel.ForEach(stations, station =>
        {
            int local = 0;
            foreach (var r in rations(station))
            {
                if (station.Feed(r, dailyLimitKg: 2.5)) local++;
            }
            Interlocked.Add(ref fed, local);
        });
        return fed;
    }
}
