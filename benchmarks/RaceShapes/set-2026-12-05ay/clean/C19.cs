using System.Threading.Channels;

namespace Blind51.SeedBanks.Intake;

public sealed record SeedAccession(string AccessionId, string Taxon, string Source, int SeedCount);
public sealed record ViabilityResult(string AccessionId, string Taxon, double GerminationRate);

/// <summary>
/// The intake pipeline for a seed bank: several collectors' manifests are parsed in parallel
/// into one channel, a germination-test stage reads that channel and writes results into a
/// second channel, and the cataloguing stage stores the results.
/// </summary>
public sealed class SeedIntakePipeline
{
    private readonly Func<string, IEnumerable<SeedAccession>> _parseManifest;
    private readonly Func<SeedAccession, CancellationToken, Task<double>> _germinationTest;
    private readonly Action<ViabilityResult> _catalogue;

    public SeedIntakePipeline(
        Func<string, IEnumerable<SeedAccession>> parseManifest,
        Func<SeedAccession, CancellationToken, Task<double>> germinationTest,
        Action<ViabilityResult> catalogue)
    {
        _parseManifest = parseManifest;
        _germinationTest = germinationTest;
        _catalogue = catalogue;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> manifestPaths, int testers, CancellationToken cancellationToken)
    {
        var accessions = Channel.CreateBounded<SeedAccession>(100);
        var results = Channel.CreateBounded<ViabilityResult>(100);

        var parsing = ParseAllAsync(manifestPaths, accessions.Writer, cancellationToken);
        var testing = TestAllAsync(accessions.Reader, results.Writer, testers, cancellationToken);
        var cataloguing = CatalogueAllAsync(results.Reader, cancellationToken);

        await Task.WhenAll(parsing, testing).ConfigureAwait(false);
        return await cataloguing.ConfigureAwait(false);
    }

    private async Task ParseAllAsync(IReadOnlyList<string> paths, ChannelWriter<SeedAccession> writer, CancellationToken cancellationToken)
    {
        try
        {
            var readers = paths.Select(path => Task.Run(async () =>
            {
                foreach (var accession in _parseManifest(path))
                    await writer.WriteAsync(accession, cancellationToken).ConfigureAwait(false);
            }, cancellationToken));

            await Task.WhenAll(readers).ConfigureAwait(false);
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
    }

    private async Task TestAllAsync(ChannelReader<SeedAccession> reader, ChannelWriter<ViabilityResult> writer, int testers, CancellationToken cancellationToken)
    {
        try
        {
            var workers = Enumerable.Range(0, testers).Select(_ => Task.Run(async () =>
            {
                await foreach (var accession in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    var rate = await _germinationTest(accession, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(new ViabilityResult(accession.AccessionId, accession.Taxon, rate), cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken));

            await Task.WhenAll(workers).ConfigureAwait(false);
            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
    }

    private async Task<int> CatalogueAllAsync(ChannelReader<ViabilityResult> reader, CancellationToken cancellationToken)
    {
        int stored = 0;
        await foreach (var result in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _catalogue(result);
            stored++;
        }
        return stored;
    }
}
