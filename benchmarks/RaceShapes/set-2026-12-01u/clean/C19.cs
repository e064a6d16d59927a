namespace Orchestra.Rosters;

public sealed record Musician(string Id, string Name, string Section, bool IsPrincipal);

/// <summary>
/// Current rehearsal roster. Registered as a singleton; the librarian's import job replaces
/// the roster, while the seating-chart and attendance endpoints read it concurrently.
/// </summary>
public sealed class RehearsalRoster
{
    private sealed class Snapshot
    {
        public Snapshot(IReadOnlyDictionary<string, Musician> byId, IReadOnlyDictionary<string, IReadOnlyList<Musician>> bySection, DateTime loadedUtc)
        {
            ById = byId;
            BySection = bySection;
            LoadedUtc = loadedUtc;
        }

        public IReadOnlyDictionary<string, Musician> ById { get; }
        public IReadOnlyDictionary<string, IReadOnlyList<Musician>> BySection { get; }
        public DateTime LoadedUtc { get; }
    }

    private Snapshot _current = new(
        new Dictionary<string, Musician>(),
        new Dictionary<string, IReadOnlyList<Musician>>(),
        DateTime.MinValue);

    public void Replace(IEnumerable<Musician> musicians)
    {
        var list = musicians.ToList();
        var byId = list.ToDictionary(m => m.Id);
        var bySection = list
            .GroupBy(m => m.Section)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Musician>)g.OrderByDescending(m => m.IsPrincipal).ThenBy(m => m.Name).ToArray());

        Interlocked.Exchange(ref _current, new Snapshot(byId, bySection, DateTime.UtcNow));
    }

    public Musician? Find(string id) =>
        Volatile.Read(ref _current).ById.TryGetValue(id, out var m) ? m : null;

    public IReadOnlyList<Musician> Section(string section) =>
        Volatile.Read(ref _current).BySection.TryGetValue(section, out var players) ? players : Array.Empty<Musician>();

    public (int Players, DateTime LoadedUtc) Summary()
    {
        var snapshot = Volatile.Read(ref _current);
        return (snapshot.ById.Count, snapshot.LoadedUtc);
    }
}
