namespace BigTop.Rigging.Catalog;

public sealed record RiggingPoint(string Code, string Location, double WorkingLoadKg, bool RequiresTwoPersonSignOff);

public interface IRiggingPointSource
{
    IEnumerable<RiggingPoint> LoadAll();
}

/// <summary>
/// Catalogue of trapeze rigging points, loaded once on first use. A single instance is
/// shared by the crew tablet API and the safety report generator.
/// </summary>
public sealed class RiggingPointCatalog
{
    private readonly Lazy<IReadOnlyList<RiggingPoint>> _points;
    private readonly Lazy<IReadOnlyDictionary<string, RiggingPoint>> _byCode;

    public RiggingPointCatalog(IRiggingPointSource source)
    {
        _points = new Lazy<IReadOnlyList<RiggingPoint>>(
            () =>
            {
                var list = new List<RiggingPoint>();
                foreach (var p in source.LoadAll())
                {
                    if (!string.IsNullOrWhiteSpace(p.Code))
                    {
                        list.Add(p);
                    }
                }
                list.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
                return list.AsReadOnly();
            },
            LazyThreadSafetyMode.ExecutionAndPublication);

        _byCode = new Lazy<IReadOnlyDictionary<string, RiggingPoint>>(
            () => _points.Value.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<RiggingPoint> All => _points.Value;

    public RiggingPoint? Find(string code) => _byCode.Value.TryGetValue(code, out var p) ? p : null;

    public IEnumerable<RiggingPoint> OverloadedBy(double plannedLoadKg)
        => _points.Value.Where(p => p.WorkingLoadKg < plannedLoadKg);

    /// <summary>Groups the points by location for the printed walk-around sheet.</summary>
    public IReadOnlyDictionary<string, int> CountByLocation()
        => _points.Value
            .GroupBy(p => p.Location, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
}
