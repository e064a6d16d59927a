namespace Blind32.Wetlands.Transects;

public sealed record TransectCount(string Transect, string Species, int Birds, bool Flyover);

/// <summary>
/// Collects counts from all transect walkers during a wetland survey. One
/// instance serves the whole survey and is called by the walkers' phones and
/// the coordinator's dashboard at the same time.
/// </summary>
public sealed class TransectCollector
{
    private readonly object _gate = new();
    private readonly List<TransectCount> _counts = new();
    private int _version;

    public void Add(TransectCount count)
    {
        lock (_gate)
        {
            _counts.Add(count);
            _version++;
        }
    }

    public bool RemoveLast(string transect)
    {
        lock (_gate)
        {
            var index = _counts.FindLastIndex(c => c.Transect == transect);
            if (index < 0)
                return false;
            _counts.RemoveAt(index);
            _version++;
            return true;
        }
    }

    public (int Version, IReadOnlyDictionary<string, int> Totals) SpeciesTotals(bool includeFlyovers)
    {
        TransectCount[] snapshot;
        int version;
        lock (_gate)
        {
            snapshot = _counts.ToArray();
            version = _version;
        }

        var totals = snapshot
            .Where(c => includeFlyovers || !c.Flyover)
            .GroupBy(c => c.Species, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Birds), StringComparer.OrdinalIgnoreCase);
        return (version, totals);
    }
}

/// <summary>Dashboard that only recomputes its view when the data changed.</summary>
public sealed class CoordinatorDashboard
{
    private readonly TransectCollector _collector;
    private readonly object _cacheGate = new();
    private int _cachedVersion = -1;
    private IReadOnlyDictionary<string, int> _cached = new Dictionary<string, int>();

    public CoordinatorDashboard(TransectCollector collector) => _collector = collector;

    public IReadOnlyDictionary<string, int> Current()
    {
        var (version, totals) = _collector.SpeciesTotals(includeFlyovers: false);
        lock (_cacheGate)
        {
            if (version > _cachedVersion)
            {
                _cachedVersion = version;
                _cached = totals;
            }
            return _cached;
        }
    }
}
