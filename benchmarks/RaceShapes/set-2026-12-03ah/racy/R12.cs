using System.Globalization;

namespace Blind34.PaperMarbling.Pigments;

public sealed record Pigment(string Name, string Hex, double DropSpreadCm);

/// <summary>
/// Pigment catalogue for the studio, loaded from the supplier file on first
/// use. One catalogue is shared by every order form and the colour planner,
/// which read it from whatever thread they happen to run on.
/// </summary>
public sealed class PigmentCatalog
{
    private readonly object _gate = new();
    private readonly string _path;
    private List<Pigment>? _pigments;

    public PigmentCatalog(string path) => _path = path;

    public IReadOnlyList<Pigment> Pigments
    {
        get
        {
            var existing = _pigments;
            if (existing != null)
            {
                return existing;
            }

            lock (_gate)
            {
                if (_pigments == null)
                {
                    _pigments = new List<Pigment>();
                    foreach (var line in File.ReadLines(_path))
                    {
                        var parts = line.Split('\t');
                        _pigments.Add(new Pigment(parts[0], parts[1], double.Parse(parts[2], CultureInfo.InvariantCulture)));
                    }
                }

                return _pigments;
            }
        }
    }

    public Pigment? Find(string name)
    {
        foreach (var pigment in Pigments)
        {
            if (string.Equals(pigment.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return pigment;
            }
        }

        return null;
    }
}

/// <summary>Plans the drop order for a combed pattern.</summary>
public sealed class ColourPlanner
{
    private readonly PigmentCatalog _catalog;

    public ColourPlanner(PigmentCatalog catalog) => _catalog = catalog;

    public Task<double> TotalSpreadAsync(IEnumerable<string> dropOrder) =>
        Task.Run(() => dropOrder.Select(_catalog.Find).Where(p => p != null).Sum(p => p!.DropSpreadCm));

    public async Task<IReadOnlyList<double>> PlanManyAsync(IEnumerable<IEnumerable<string>> patterns)
    {
        var totals = await Task.WhenAll(patterns.Select(TotalSpreadAsync));
        return totals;
    }
}
