using System.Collections.Concurrent;

namespace Blind40.Thatchers.Import;

public sealed record ReedBundle(string Supplier, string Grade, double LengthM, int Count);

public sealed record ImportProgress(int Parsed, int Rejected);

public sealed record ImportSummary(int Imported, int Rejected, IReadOnlyList<string> Errors);

/// <summary>
/// Bulk importer for reed and straw delivery manifests from suppliers. One
/// reader thread parses lines; several workers validate and store bundles.
/// Progress is reported through <see cref="IProgress{T}"/> so the desktop
/// import dialog can update its bar.
/// </summary>
public sealed class ManifestImporter
{
    private readonly Func<ReedBundle, bool> _store;
    private readonly int _workers;

    public ManifestImporter(Func<ReedBundle, bool> store, int workers = 4)
    {
        _store = store;
        _workers = workers;
    }

    public async Task<ImportSummary> ImportAsync(TextReader manifest, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var lines = new BlockingCollection<(int LineNo, string Text)>(boundedCapacity: 256);
        var errors = new ConcurrentQueue<string>();
        int imported = 0;
        int rejected = 0;
        int parsed = 0;

        var reader = Task.Run(() =>
        {
            try
            {
                int lineNo = 0;
                string? line;
                while ((line = manifest.ReadLine()) is not null)
                {
                    lineNo++;
                    if (lineNo > 1 && line.Length > 0)
                    {
                        lines.Add((lineNo, line), ct);
                    }
                }
            }
            finally
            {
                lines.CompleteAdding();
            }
        }, ct);

        var workers = Enumerable.Range(0, _workers).Select(_ => Task.Run(() =>
        {
            foreach (var (lineNo, text) in lines.GetConsumingEnumerable(ct))
            {
                int done = Interlocked.Increment(ref parsed);
                if (TryParse(text, out var bundle) && _store(bundle!))
                {
                    Interlocked.Increment(ref imported);
                }
                else
                {
                    Interlocked.Increment(ref rejected);
                    errors.Enqueue($"line {lineNo}: could not import '{text}'");
                }

                if (done % 100 == 0)
                {
                    progress?.Report(new ImportProgress(done, Volatile.Read(ref rejected)));
                }
            }
        }, ct)).ToList();

        await Task.WhenAll(workers.Append(reader)).ConfigureAwait(false);

        progress?.Report(new ImportProgress(parsed, rejected));
        return new ImportSummary(imported, rejected, errors.ToList());
    }

    private static bool TryParse(string text, out ReedBundle? bundle)
    {
        var parts = text.Split(',');
        if (parts.Length == 4
            && double.TryParse(parts[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var length)
            && int.TryParse(parts[3], out var count))
        {
            bundle = new ReedBundle(parts[0].Trim(), parts[1].Trim(), length, count);
            return true;
        }

        bundle = null;
        return false;
    }
}
