using System.Collections.Concurrent;

namespace Blind51.FishHatcheries.Import;

public sealed record StockingRecord(string Batch, string Species, string River, int Fry, DateOnly ReleasedOn);

public sealed record ImportReport(int Imported, int Rejected, IReadOnlyList<string> Errors, long TotalFry);

public interface IStockingRepository
{
    Task SaveAsync(StockingRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// Imports historical river stocking records from the hatchery's old spreadsheets. Files
/// are parsed and saved by several parallel workers while the import screen shows progress.
/// </summary>
public sealed class StockingBulkImporter
{
    private readonly IStockingRepository _repository;
    private int _imported;
    private int _rejected;
    private long _totalFry;

    public StockingBulkImporter(IStockingRepository repository) => _repository = repository;

    /// <summary>Live counts for the import screen.</summary>
    public (int Imported, int Rejected) Progress => (Volatile.Read(ref _imported), Volatile.Read(ref _rejected));

    public async Task<ImportReport> ImportAsync(IEnumerable<string> csvLines, int workers, CancellationToken cancellationToken)
    {
        var errors = new ConcurrentQueue<string>();

        await Parallel.ForEachAsync(
            csvLines.Select((line, index) => (line, index)),
            new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                if (!TryParse(item.line, out var record, out var problem))
                {
                    Interlocked.Increment(ref _rejected);
                    errors.Enqueue($"line {item.index + 1}: {problem}");
                    return;
                }

                await _repository.SaveAsync(record!, ct).ConfigureAwait(false);
                Interlocked.Increment(ref _imported);
                Interlocked.Add(ref _totalFry, record!.Fry);
            }).ConfigureAwait(false);

        return new ImportReport(
            Volatile.Read(ref _imported),
            Volatile.Read(ref _rejected),
            errors.ToArray(),
            Interlocked.Read(ref _totalFry));
    }

    private static bool TryParse(string line, out StockingRecord? record, out string? problem)
    {
        record = null;
        problem = null;
        var cols = line.Split(';');
        if (cols.Length != 5)
        {
            problem = $"expected 5 columns, found {cols.Length}";
            return false;
        }
        if (!int.TryParse(cols[3], out var fry) || fry <= 0)
        {
            problem = $"bad fry count '{cols[3]}'";
            return false;
        }
        if (!DateOnly.TryParse(cols[4], out var released))
        {
            problem = $"bad release date '{cols[4]}'";
            return false;
        }

        record = new StockingRecord(cols[0].Trim(), cols[1].Trim(), cols[2].Trim(), fry, released);
        return true;
    }
}
