using System.Globalization;

namespace Blind59.ClockRepair.Parts;

public sealed record ClockPart(string PartNumber, string Description, string Movement, decimal Price, int InStock);

/// <summary>
/// Catalogue of spare parts (mainsprings, suspension springs, bushes, click springs)
/// for the repair workshop. The supplier's CSV is large, so it is parsed the first time
/// anyone asks, then searched by the bench terminals and the online quote form.
/// </summary>
public sealed class PartsCatalogue
{
    private readonly string _csvPath;
    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<ClockPart>>> _byMovement;
    private Dictionary<string, ClockPart>? _byPartNumber;
    private bool _byPartNumberReady;
    private object? _byPartNumberLock;

    public PartsCatalogue(string csvPath)
    {
        _csvPath = csvPath;
        _byMovement = new Lazy<IReadOnlyDictionary<string, IReadOnlyList<ClockPart>>>(
            () => LoadParts().GroupBy(p => p.Movement, StringComparer.OrdinalIgnoreCase)
                             .ToDictionary(g => g.Key, g => (IReadOnlyList<ClockPart>)g.ToList(), StringComparer.OrdinalIgnoreCase),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ClockPart? FindByPartNumber(string partNumber)
    {
        var index = LazyInitializer.EnsureInitialized(
            ref _byPartNumber,
            ref _byPartNumberReady,
            ref _byPartNumberLock,
            () => LoadParts().ToDictionary(p => p.PartNumber, StringComparer.OrdinalIgnoreCase));

        return index!.TryGetValue(partNumber, out var part) ? part : null;
    }

    public IReadOnlyList<ClockPart> ForMovement(string movement) =>
        _byMovement.Value.TryGetValue(movement, out var parts) ? parts : Array.Empty<ClockPart>();

    private List<ClockPart> LoadParts()
    {
        var parts = new List<ClockPart>();
        foreach (var line in File.ReadLines(_csvPath).Skip(1))
        {
            var c = line.Split(';');
            if (c.Length < 5)
            {
                continue;
            }
            parts.Add(new ClockPart(c[0], c[1], c[2],
                decimal.Parse(c[3], CultureInfo.InvariantCulture),
                int.Parse(c[4], CultureInfo.InvariantCulture)));
        }
        return parts;
    }
}

/// <summary>
/// Builds a repair quote for a movement from the catalogue.
/// </summary>
public sealed class RepairQuoteBuilder
{
    private readonly PartsCatalogue _catalogue;

    public RepairQuoteBuilder(PartsCatalogue catalogue) => _catalogue = catalogue;

    public decimal Quote(string movement, IEnumerable<string> partNumbers, decimal labourHours, decimal hourlyRate)
    {
        decimal parts = partNumbers.AsParallel()
            .Select(n => _catalogue.FindByPartNumber(n)?.Price ?? 0m)
            .Sum();
        bool knownMovement = _catalogue.ForMovement(movement).Count > 0;
        decimal surcharge = knownMovement ? 0m : 25m;
        return parts + labourHours * hourlyRate + surcharge;
    }
}
