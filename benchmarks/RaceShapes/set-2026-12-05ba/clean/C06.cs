namespace Blind53.CoralReefSurveys.Import;

public sealed record TransectRow(string Site, int TransectNumber, string Substrate, double CoverPercent);

public sealed record TransectImportProgress(int Processed, int Total, int Rejected);

public interface ITransectRepository
{
    Task SaveAsync(TransectRow row, CancellationToken cancellationToken);
}

/// <summary>
/// Imports dive-survey transect sheets uploaded by the field teams.
/// </summary>
public sealed class TransectImporter
{
    private readonly ITransectRepository _repository;

    public TransectImporter(ITransectRepository repository)
    {
        _repository = repository;
    }

    public async Task<TransectImportProgress> ImportAsync(
        IReadOnlyList<TransectRow> rows,
        IProgress<TransectImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        var counters = new ImportCounters();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = cancellationToken };

        await Parallel.ForEachAsync(rows, options, async (row, token) =>
        {
            if (row.CoverPercent is < 0 or > 100)
            {
                Interlocked.Increment(ref counters.Rejected);
            }
            else
            {
                await _repository.SaveAsync(row, token).ConfigureAwait(false);
            }

            int processed = Interlocked.Increment(ref counters.Processed);
            if (processed % 50 == 0)
            {
                progress?.Report(new TransectImportProgress(processed, rows.Count, Volatile.Read(ref counters.Rejected)));
            }
        }).ConfigureAwait(false);

        var final = new TransectImportProgress(counters.Processed, rows.Count, counters.Rejected);
        progress?.Report(final);
        return final;
    }

    private sealed class ImportCounters
    {
        public int Processed;
        public int Rejected;
    }
}

/// <summary>
/// Console front end used by the survey coordinator.
/// </summary>
public static class TransectImportCommand
{
    public static async Task<int> RunAsync(TransectImporter importer, IReadOnlyList<TransectRow> rows)
    {
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var progress = new Progress<TransectImportProgress>(p =>
                Console.WriteLine($"{p.Processed}/{p.Total} processed, {p.Rejected} rejected"));
            var result = await importer.ImportAsync(rows, progress, cts.Token);
            return result.Rejected == 0 ? 0 : 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
