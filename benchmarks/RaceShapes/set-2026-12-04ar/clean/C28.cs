namespace Blind44.FalconryCentre.Records;

public sealed record FlightEntry(string Bird, DateTime FlownAt, int WeightGrams, string Quarry);

/// <summary>Append-only flight journal stored on disk; opening it scans the file, so it is opened on first use.</summary>
public sealed class FlightJournal
{
    private readonly string _path;
    private readonly object _appendLock = new();
    private readonly List<FlightEntry> _entries;

    public FlightJournal(string path)
    {
        _path = path;
        _entries = File.Exists(path)
            ? File.ReadLines(path).Select(Parse).Where(e => e is not null).Select(e => e!).ToList()
            : new List<FlightEntry>();
    }

    public void Append(FlightEntry entry)
    {
        lock (_appendLock)
        {
            _entries.Add(entry);
            File.AppendAllLines(_path, new[] { $"{entry.Bird}|{entry.FlownAt:O}|{entry.WeightGrams}|{entry.Quarry}" });
        }
    }

    public IReadOnlyList<FlightEntry> ForBird(string bird)
    {
        lock (_appendLock)
            return _entries.Where(e => e.Bird == bird).ToList();
    }

    private static FlightEntry? Parse(string line)
    {
        var parts = line.Split('|');
        return parts.Length == 4 && int.TryParse(parts[2], out var grams)
            ? new FlightEntry(parts[0], DateTime.Parse(parts[1]), grams, parts[3])
            : null;
    }
}

/// <summary>
/// Records flights for the falconry centre's display team. Falconers' handsets post flights
/// concurrently after each display; the journal is opened on the first post.
/// </summary>
public sealed class DisplayTeamRecorder
{
    private static readonly Lazy<IReadOnlyDictionary<string, int>> s_flyingWeights = new(LoadFlyingWeights);

    private readonly string _journalPath;
    private FlightJournal? _journal;
    private bool _journalReady;
    private object? _journalLock;

    public DisplayTeamRecorder(string journalPath) => _journalPath = journalPath;

    private FlightJournal Journal =>
        LazyInitializer.EnsureInitialized(ref _journal, ref _journalReady, ref _journalLock, () => new FlightJournal(_journalPath))!;

    public string Record(string bird, int weightGrams, string quarry)
    {
        Journal.Append(new FlightEntry(bird, DateTime.Now, weightGrams, quarry));

        if (s_flyingWeights.Value.TryGetValue(bird, out var target) && Math.Abs(weightGrams - target) > target * 0.05)
            return $"{bird} is {weightGrams - target:+0;-0} g off flying weight";
        return "ok";
    }

    public int FlightsToday(string bird) =>
        Journal.ForBird(bird).Count(e => e.FlownAt.Date == DateTime.Today);

    private static IReadOnlyDictionary<string, int> LoadFlyingWeights() =>
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["Harris hawk"] = 680,
            ["Peregrine"] = 620,
            ["Barn owl"] = 310,
            ["Kestrel"] = 190,
        };
}
