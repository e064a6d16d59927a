namespace Blind51.GreenhouseNurseries.CareGuide;

public sealed record CareSheet(string BotanicalName, double MinTempC, double MaxTempC, int WateringIntervalDays, string Notes);

/// <summary>
/// Looks up care sheets for the nursery's stock by common or botanical name. Registered as
/// a singleton: the till, the greenhouse climate controller and the staff handheld app all
/// look names up concurrently, while the head grower occasionally edits sheets.
/// </summary>
public sealed class PlantCareGuide : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, CareSheet> _sheets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _resolved = new(StringComparer.OrdinalIgnoreCase);

    public CareSheet? Find(string name)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_resolved.TryGetValue(name, out var key))
            {
                key = Resolve(name);
                _resolved[name] = key;
            }

            return _sheets.GetValueOrDefault(key);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Upsert(CareSheet sheet, params string[] commonNames)
    {
        _lock.EnterWriteLock();
        try
        {
            _sheets[sheet.BotanicalName] = sheet;
            foreach (var alias in commonNames)
                _aliases[alias] = sheet.BotanicalName;
            _resolved.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _sheets.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    private string Resolve(string name)
    {
        var trimmed = name.Trim();
        if (_aliases.TryGetValue(trimmed, out var botanical)) return botanical;

        // Botanical names are stored as "Genus species"; accept any casing from the till.
        var parts = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2)
            return char.ToUpperInvariant(parts[0][0]) + parts[0][1..].ToLowerInvariant() + " " + string.Join(' ', parts.Skip(1)).ToLowerInvariant();
        return trimmed;
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>
/// Checks each greenhouse bay against the care sheets of the plants growing in it.
/// </summary>
public sealed class BayClimateChecker
{
    private readonly PlantCareGuide _guide;

    public BayClimateChecker(PlantCareGuide guide) => _guide = guide;

    public IEnumerable<string> Check(IReadOnlyDictionary<string, (double TempC, string[] Plants)> bays) =>
        bays.AsParallel().SelectMany(bay =>
            bay.Value.Plants
                .Select(plant => (plant, sheet: _guide.Find(plant)))
                .Where(x => x.sheet is not null && (bay.Value.TempC < x.sheet.MinTempC || bay.Value.TempC > x.sheet.MaxTempC))
                .Select(x => $"{bay.Key}: {x.plant} outside {x.sheet!.MinTempC}-{x.sheet.MaxTempC} C"));
}
