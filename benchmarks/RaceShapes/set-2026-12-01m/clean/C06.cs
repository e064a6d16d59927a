namespace Museum.Tours;

public sealed record TourStop(int Number, string Title, string Language, string AudioFile, TimeSpan Duration);

/// <summary>
/// Catalog of guided-tour stops, loaded from the exhibit manifest on first use and shared
/// by all handset sessions.
/// </summary>
public static class TourCatalog
{
    private static readonly string ManifestPath =
        Environment.GetEnvironmentVariable("AUDIOGUIDE_MANIFEST") ?? "/srv/audioguide/tours.csv";

    private static readonly Lazy<IReadOnlyDictionary<int, TourStop>> s_stops =
        new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static TourStop? Find(int number)
        => s_stops.Value.TryGetValue(number, out var stop) ? stop : null;

    public static TimeSpan TotalDuration(IEnumerable<int> numbers)
    {
        var total = TimeSpan.Zero;
        foreach (var n in numbers)
        {
            if (s_stops.Value.TryGetValue(n, out var stop))
            {
                total += stop.Duration;
            }
        }

        return total;
    }

    private static IReadOnlyDictionary<int, TourStop> Load()
    {
        var stops = new Dictionary<int, TourStop>();
        foreach (var line in File.ReadLines(ManifestPath).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 5 || !int.TryParse(parts[0], out var number))
            {
                continue;
            }

            var seconds = int.TryParse(parts[4], out var s) ? s : 0;
            stops[number] = new TourStop(number, parts[1].Trim(), parts[2].Trim(), parts[3].Trim(), TimeSpan.FromSeconds(seconds));
        }

        return stops;
    }
}

public sealed class GuideSession
{
    private readonly Func<string, CancellationToken, Task> _stream;

    public GuideSession(Func<string, CancellationToken, Task> stream) => _stream = stream;

    public async Task<bool> PlayAsync(int stopNumber, CancellationToken token)
    {
        var stop = TourCatalog.Find(stopNumber);
        if (stop is null)
        {
            return false;
        }

        await _stream(stop.AudioFile, token).ConfigureAwait(false);
        return true;
    }
}
