namespace Blind36.FossilDig.Catalogue;

public sealed record FieldFind(string SpecimenId, string Square, string Stratum, double LengthMm, string Description);

public sealed record CatalogueEntry(string SpecimenId, string Stratum, string Taxon, bool NeedsJacket);

/// <summary>
/// Builds the end-of-season catalogue from the trench teams' field sheets. The same
/// specimen often appears on two sheets when it straddles grid squares, so duplicates
/// are dropped while classifying.
/// </summary>
public sealed class SeasonCataloguer
{
    private readonly HashSet<string> _seenSpecimens = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<CatalogueEntry> Build(IEnumerable<FieldFind> sheets)
    {
        return sheets
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Where(f => _seenSpecimens.Add(f.SpecimenId))
            .Select(Classify)
            .OrderBy(e => e.SpecimenId, StringComparer.Ordinal)
            .ToList();
    }

    private static CatalogueEntry Classify(FieldFind find)
    {
        string taxon = GuessTaxon(find.Description);
        bool jacket = find.LengthMm > 250 || find.Description.Contains("friable", StringComparison.OrdinalIgnoreCase);
        return new CatalogueEntry(find.SpecimenId, find.Stratum, taxon, jacket);
    }

    private static string GuessTaxon(string description)
    {
        var d = description.ToLowerInvariant();
        if (d.Contains("ammonite")) return "Ammonoidea";
        if (d.Contains("belemnite")) return "Belemnitida";
        if (d.Contains("vertebra") || d.Contains("tooth")) return "Vertebrata indet.";
        if (d.Contains("shell")) return "Bivalvia";
        return "Indeterminate";
    }
}

public static class CatalogueExport
{
    public static IEnumerable<string> ToCsv(IReadOnlyList<CatalogueEntry> entries)
    {
        yield return "specimen,stratum,taxon,jacket";
        foreach (var e in entries)
            yield return $"{e.SpecimenId},{e.Stratum},{e.Taxon},{(e.NeedsJacket ? "yes" : "no")}";
    }
}
