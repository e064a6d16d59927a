using System.Collections.Concurrent;

namespace Blind27.FossilDigs.Catalogue;

public sealed record SpecimenFind(string Id, string StratumCode, string Taxon, long MassMilligrams);

/// <summary>Running totals for one stratigraphic layer.</summary>
public sealed class StratumTally
{
    public StratumTally(string stratumCode) => StratumCode = stratumCode;

    public string StratumCode { get; }
    public int SpecimenCount;
    public long MassMilligrams;
}

/// <summary>
/// Rebuilds per-layer totals from the field notebooks at the end of a dig season.
/// Notebook pages are parsed in parallel because the scanned pages are large.
/// </summary>
public sealed class SeasonCatalogueBuilder
{
    private readonly ConcurrentDictionary<string, StratumTally> _tallies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, StratumTally> Build(IEnumerable<string> notebookPages)
    {
        Parallel.ForEach(
            notebookPages,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            page =>
            {
                foreach (var find in ParsePage(page))
                {
                    var tally = _tallies.GetOrAdd(find.StratumCode, code => new StratumTally(code));
                    tally.SpecimenCount++;
                    Interlocked.Add(ref tally.MassMilligrams, find.MassMilligrams);
                }
            });

        return new Dictionary<string, StratumTally>(_tallies);
    }

    private static IEnumerable<SpecimenFind> ParsePage(string page)
    {
        foreach (var line in page.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            if (parts.Length < 4 || !long.TryParse(parts[3], out var mass))
            {
                continue;
            }

            yield return new SpecimenFind(parts[0], parts[1], parts[2], mass);
        }
    }
}
