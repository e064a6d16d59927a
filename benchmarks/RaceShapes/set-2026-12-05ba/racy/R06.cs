using System.Collections.Concurrent;

namespace Blind53.SeedBanks.Import;

public sealed record AccessionRow(string AccessionNumber, string Taxon, int SeedCount, DateOnly Collected);

public sealed record ImportProgress(int Imported, int Total);

public sealed record ImportSummary(int Imported, IReadOnlyList<string> Failures);

public interface IAccessionStore
{
    Task UpsertAsync(Accession accession, CancellationToken cancellationToken);
}

public sealed class Accession
{
    public required string Number { get; init; }
    public required string Genus { get; init; }
    public required string Species { get; init; }
    public int Seeds { get; init; }
    public DateOnly CollectedOn { get; init; }
}

/// <summary>
/// Imports accession spreadsheets exported from the field stations into the vault catalogue.
/// </summary>
public sealed class AccessionImporter
{
    private readonly IAccessionStore _store;

    public AccessionImporter(IAccessionStore store)
    {
        _store = store;
    }

    public async Task<ImportSummary> ImportAsync(
        IReadOnlyList<AccessionRow> rows,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        int imported = 0;
        var failures = new ConcurrentBag<string>();
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = 8,
            CancellationToken = cancellationToken,
        };

        await Parallel.ForEachAsync(rows, options, async (row, token) =>
        {
            try
            {
                await _store.UpsertAsync(Map(row), token).ConfigureAwait(false);
                imported++;
                if (imported % 100 == 0)
                {
                    progress?.Report(new ImportProgress(imported, rows.Count));
                }
            }
            catch (FormatException ex)
            {
                failures.Add($"{row.AccessionNumber}: {ex.Message}");
            }
        }).ConfigureAwait(false);

        progress?.Report(new ImportProgress(imported, rows.Count));
        return new ImportSummary(imported, failures.ToArray());
    }

    private static Accession Map(AccessionRow row)
    {
        var parts = row.Taxon.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new FormatException($"Taxon '{row.Taxon}' has no species epithet.");
        }

        return new Accession
        {
            Number = row.AccessionNumber.Trim().ToUpperInvariant(),
            Genus = parts[0],
            Species = parts[1],
            Seeds = row.SeedCount,
            CollectedOn = row.Collected,
        };
    }
}
