namespace Blind29.CoralReef.Bleaching;

public sealed record ColonyObservation(string Site, string Genus, int BleachingScore);

public interface ISurveyUpload
{
    Task<IReadOnlyList<ColonyObservation>> DownloadSiteAsync(string site, CancellationToken ct);
}

public sealed record SiteBleaching(string Site, int Colonies, double MeanScore, double PercentSevere);

/// <summary>
/// Builds the bleaching summary for a reef survey trip. Each site's observations are
/// downloaded and summarised on the thread pool, and the results are combined at the end.
/// </summary>
public sealed class BleachingReport
{
    private readonly ISurveyUpload _upload;

    public BleachingReport(ISurveyUpload upload) => _upload = upload;

    public async Task<IReadOnlyList<SiteBleaching>> BuildAsync(IEnumerable<string> sites, CancellationToken ct)
    {
        var perSite = await Task.WhenAll(sites.Select(site => Task.Run(() => SummariseSiteAsync(site), ct)))
            .ConfigureAwait(false);

        var report = new List<SiteBleaching>();
        foreach (var summary in perSite)
        {
            if (summary.Colonies > 0)
            {
                report.Add(summary);
            }
        }

        report.Sort((a, b) => b.PercentSevere.CompareTo(a.PercentSevere));
        return report;

        async Task<SiteBleaching> SummariseSiteAsync(string site)
        {
            var counts = new int[5];
            var observations = await _upload.DownloadSiteAsync(site, ct).ConfigureAwait(false);

            foreach (var obs in observations)
            {
                counts[Math.Clamp(obs.BleachingScore, 0, 4)]++;
            }

            var retry = observations.Count == 0;
            if (retry)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
                foreach (var obs in await _upload.DownloadSiteAsync(site, ct).ConfigureAwait(false))
                {
                    counts[Math.Clamp(obs.BleachingScore, 0, 4)]++;
                }
            }

            var total = counts.Sum();
            if (total == 0)
            {
                return new SiteBleaching(site, 0, 0, 0);
            }

            var mean = counts.Select((c, score) => (double)c * score).Sum() / total;
            return new SiteBleaching(site, total, mean, 100.0 * (counts[3] + counts[4]) / total);
        }
    }
}
