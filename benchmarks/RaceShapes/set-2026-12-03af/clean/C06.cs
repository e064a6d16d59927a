namespace Blind32.CoralReef.Transects;

public sealed record PhotoQuadrat(string Site, int Quadrat, double LiveCoralPercent, double BleachedPercent);

public interface IQuadratArchive
{
    Task<PhotoQuadrat> FetchAsync(string site, int quadrat, CancellationToken cancellationToken);
}

public sealed record SiteHealth(string Site, double MeanLiveCoral, double MeanBleached, int MissingQuadrats);

/// <summary>
/// Pulls the classified photo quadrats for each reef site from the archive and
/// reduces them to a per-site health summary for the monthly report.
/// </summary>
public sealed class SiteHealthReporter
{
    private readonly IQuadratArchive _archive;

    public SiteHealthReporter(IQuadratArchive archive) => _archive = archive;

    public async Task<IReadOnlyList<SiteHealth>> BuildAsync(
        IReadOnlyList<string> sites, int quadratsPerSite, CancellationToken cancellationToken)
    {
        var perSite = await Task.WhenAll(sites.Select(site => SummarizeSiteAsync(site, quadratsPerSite, cancellationToken)))
            .ConfigureAwait(false);
        return perSite.OrderBy(s => s.MeanLiveCoral).ToList();
    }

    private async Task<SiteHealth> SummarizeSiteAsync(string site, int quadratsPerSite, CancellationToken cancellationToken)
    {
        var fetches = Enumerable.Range(1, quadratsPerSite)
            .Select(q => TryFetchAsync(site, q, cancellationToken))
            .ToArray();

        var results = await Task.WhenAll(fetches).ConfigureAwait(false);

        var found = results.Where(r => r is not null).Select(r => r!).ToList();
        var missing = results.Length - found.Count;
        if (found.Count == 0)
            return new SiteHealth(site, double.NaN, double.NaN, missing);

        return new SiteHealth(
            site,
            found.Average(q => q.LiveCoralPercent),
            found.Average(q => q.BleachedPercent),
            missing);
    }

    private async Task<PhotoQuadrat?> TryFetchAsync(string site, int quadrat, CancellationToken cancellationToken)
    {
        try
        {
            return await _archive.FetchAsync(site, quadrat, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Archive-side timeout for a single photo; the rest of the site still counts.
            return null;
        }
    }
}
