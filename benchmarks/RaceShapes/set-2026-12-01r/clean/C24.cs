namespace SeedBank.Germination;

public sealed record GerminationProtocol(string Genus, double TempCelsius, int Days, bool ColdStratify);

public interface IProtocolStore
{
    IEnumerable<GerminationProtocol> LoadAll();
}

/// <summary>
/// Looks up germination test protocols by genus for the seed bank's test scheduler.
/// Used by every scheduling request; the table is loaded the first time it is needed.
/// </summary>
public sealed class ProtocolCatalog
{
    private readonly IProtocolStore _store;
    private object? _initLock;
    private Dictionary<string, GerminationProtocol>? _byGenus;
    private bool _initialized;

    public ProtocolCatalog(IProtocolStore store) => _store = store;

    private Dictionary<string, GerminationProtocol> Table =>
        LazyInitializer.EnsureInitialized(ref _byGenus, ref _initialized, ref _initLock, Load)!;

    public GerminationProtocol For(string genus)
    {
        return Table.TryGetValue(genus, out var protocol)
            ? protocol
            : new GerminationProtocol(genus, 20.0, 21, ColdStratify: false);
    }

    public int CountNeedingStratification() => Table.Values.Count(p => p.ColdStratify);

    private Dictionary<string, GerminationProtocol> Load()
    {
        var table = new Dictionary<string, GerminationProtocol>(StringComparer.OrdinalIgnoreCase);
        foreach (var protocol in _store.LoadAll())
        {
            table[protocol.Genus] = protocol;
        }
        return table;
    }
}

public sealed record SeedLot(string Accession, string Genus, int SeedsOnHand);

/// <summary>
/// Schedules the quarterly viability tests for stored accessions.
/// </summary>
public sealed class ViabilityTestScheduler
{
    private readonly ProtocolCatalog _catalog;

    public ViabilityTestScheduler(ProtocolCatalog catalog) => _catalog = catalog;

    public IReadOnlyList<(string Accession, DateOnly ReadOn)> Schedule(IEnumerable<SeedLot> lots, DateOnly start)
    {
        return lots
            .AsParallel()
            .Where(l => l.SeedsOnHand >= 100)
            .Select(l =>
            {
                var p = _catalog.For(l.Genus);
                var days = p.Days + (p.ColdStratify ? 28 : 0);
                return (l.Accession, start.AddDays(days));
            })
            .OrderBy(x => x.Item2)
            .ToList();
    }
}
