namespace FerryTimetables.Lookup;

public sealed record Sailing(string Route, TimeOnly Departs, TimeOnly Arrives, string Vessel);

/// <summary>
/// Source of the published timetable. In production this reads the timetable export that
/// the operations team uploads each season.
/// </summary>
internal static class TimetableSource
{
    public static IEnumerable<Sailing> LoadAll()
    {
        var routes = new[] { "ARD-BRO", "BRO-ARD", "OBN-CRN", "CRN-OBN" };
        foreach (var route in routes)
        {
            for (var hour = 6; hour <= 21; hour += 2)
            {
                var departs = new TimeOnly(hour, route.StartsWith("BRO") ? 30 : 0);
                yield return new Sailing(route, departs, departs.AddMinutes(55), hour % 4 == 0 ? "MV Isle of Arran" : "MV Loch Fyne");
            }
        }
    }
}

/// <summary>
/// Looks up published sailings by route. Used by the journey planner API and the
/// departure-board renderer, both of which call it from many request threads.
/// </summary>
public static class SailingLookup
{
    private static Dictionary<string, List<Sailing>>? s_byRoute;

    public static IReadOnlyList<Sailing> ForRoute(string route)
    {
        var table = s_byRoute;
        if (table == null)
        {
            table = new Dictionary<string, List<Sailing>>(StringComparer.OrdinalIgnoreCase);
            s_byRoute = table;

            foreach (var sailing in TimetableSource.LoadAll())
            {
                if (!table.TryGetValue(sailing.Route, out var list))
                {
                    list = new List<Sailing>();
                    table[sailing.Route] = list;
                }
                list.Add(sailing);
            }
        }

        return table.TryGetValue(route, out var found) ? found : Array.Empty<Sailing>();
    }

    public static Sailing? NextDeparture(string route, TimeOnly after)
    {
        foreach (var sailing in ForRoute(route))
        {
            if (sailing.Departs > after)
            {
                return sailing;
            }
        }
        return null;
    }
}

/// <summary>
/// Renders the departure boards at each terminal; each board refreshes on its own timer.
/// </summary>
public sealed class DepartureBoard : IDisposable
{
    private readonly string _route;
    private readonly Timer _refresh;

    public DepartureBoard(string route)
    {
        _route = route;
        _refresh = new Timer(_ => Render(), null, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    private void Render()
    {
        var next = SailingLookup.NextDeparture(_route, TimeOnly.FromDateTime(DateTime.Now));
        Console.WriteLine(next is null ? $"{_route}: no more sailings today" : $"{_route}: {next.Departs:HH:mm} {next.Vessel}");
    }

    public void Dispose() => _refresh.Dispose();
}
