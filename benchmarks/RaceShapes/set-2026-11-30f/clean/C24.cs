using System.Text;

namespace Analytics.Reports;

public sealed record PageView(string Path, string Country, TimeSpan Duration);

/// <summary>
/// Accumulates page-view statistics for one report.
/// </summary>
internal sealed class TrafficAccumulator
{
    private readonly Dictionary<string, int> _viewsByPath = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _viewsByCountry = new(StringComparer.OrdinalIgnoreCase);
    private TimeSpan _totalDuration;
    private int _count;

    public void Add(PageView view)
    {
        _viewsByPath[view.Path] = _viewsByPath.GetValueOrDefault(view.Path) + 1;
        _viewsByCountry[view.Country] = _viewsByCountry.GetValueOrDefault(view.Country) + 1;
        _totalDuration += view.Duration;
        _count++;
    }

    public string Render(int top)
    {
        var text = new StringBuilder();
        text.AppendLine($"Page views: {_count}");
        if (_count > 0)
        {
            text.AppendLine($"Average time on page: {_totalDuration / _count:mm\\:ss}");
        }

        text.AppendLine("Top pages:");
        foreach (var (path, views) in _viewsByPath.OrderByDescending(p => p.Value).Take(top))
        {
            text.AppendLine($"  {views,6}  {path}");
        }

        text.AppendLine("Top countries:");
        foreach (var (country, views) in _viewsByCountry.OrderByDescending(p => p.Value).Take(top))
        {
            text.AppendLine($"  {views,6}  {country}");
        }

        return text.ToString();
    }
}

/// <summary>
/// Generates the nightly traffic report for each site in the background so
/// the admin UI stays responsive.
/// </summary>
public sealed class TrafficReportService
{
    private readonly Func<string, IAsyncEnumerable<PageView>> _readViews;

    public TrafficReportService(Func<string, IAsyncEnumerable<PageView>> readViews)
    {
        _readViews = readViews;
    }

    public Task<string> BuildReportAsync(string site, CancellationToken cancellationToken)
    {
        return Task.Run(async () =>
        {
            var accumulator = new TrafficAccumulator();
            await foreach (var view in _readViews(site).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                accumulator.Add(view);
            }

            return $"== {site} ==" + Environment.NewLine + accumulator.Render(top: 10);
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> BuildAllAsync(
        IEnumerable<string> sites, CancellationToken cancellationToken)
    {
        var siteList = sites.ToList();
        var reports = await Task.WhenAll(siteList.Select(s => BuildReportAsync(s, cancellationToken)))
            .ConfigureAwait(false);
        return siteList.Zip(reports).ToDictionary(p => p.First, p => p.Second);
    }
}
