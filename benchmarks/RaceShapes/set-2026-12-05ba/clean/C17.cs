using System.Globalization;

namespace Blind53.PerfumeBlending.Catalogue;

public sealed record FragranceNote(string Name, string Family, double Volatility, double MaxConcentrationPercent);

/// <summary>
/// Catalogue of raw materials with IFRA limits, read from the lab's CSV export.
/// </summary>
public sealed class NoteCatalogue
{
    private readonly Dictionary<string, FragranceNote> _notes;

    private NoteCatalogue(Dictionary<string, FragranceNote> notes)
    {
        _notes = notes;
    }

    public static NoteCatalogue Parse(IEnumerable<string> lines)
    {
        var notes = new Dictionary<string, FragranceNote>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(';');
            if (cells.Length < 4)
            {
                continue;
            }

            notes[cells[0]] = new FragranceNote(
                cells[0],
                cells[1],
                double.Parse(cells[2], CultureInfo.InvariantCulture),
                double.Parse(cells[3], CultureInfo.InvariantCulture));
        }

        return new NoteCatalogue(notes);
    }

    public bool TryGet(string name, out FragranceNote? note) => _notes.TryGetValue(name, out note);

    public int Count => _notes.Count;
}

/// <summary>
/// Validates blend formulas against the catalogue. One instance is shared by the
/// formula editor and the batch validation job.
/// </summary>
public sealed class BlendValidator
{
    private readonly string _cataloguePath;
    private NoteCatalogue? _catalogue;
    private bool _catalogueLoaded;
    private object? _catalogueLock;

    public BlendValidator(string cataloguePath)
    {
        _cataloguePath = cataloguePath;
    }

    private NoteCatalogue Catalogue =>
        LazyInitializer.EnsureInitialized(
            ref _catalogue,
            ref _catalogueLoaded,
            ref _catalogueLock,
            () => NoteCatalogue.Parse(File.ReadLines(_cataloguePath)))!;

    public IReadOnlyList<string> Validate(IReadOnlyDictionary<string, double> formulaPercent)
    {
        var problems = new List<string>();
        var catalogue = Catalogue;
        foreach (var (name, percent) in formulaPercent)
        {
            if (!catalogue.TryGet(name, out var note))
            {
                problems.Add($"Unknown material '{name}'.");
            }
            else if (percent > note!.MaxConcentrationPercent)
            {
                problems.Add($"{name}: {percent:0.##}% exceeds limit of {note.MaxConcentrationPercent:0.##}%.");
            }
        }

        return problems;
    }

    public Task<IReadOnlyList<string>[]> ValidateBatchAsync(IEnumerable<IReadOnlyDictionary<string, double>> formulas)
        => Task.WhenAll(formulas.Select(f => Task.Run(() => Validate(f))));
}
