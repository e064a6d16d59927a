namespace Crowdfunding.Reports;

public sealed record Backing(string BackerId, string Country, string RewardTier, decimal Amount, bool Captured);

public sealed record CampaignReport(
    decimal CapturedTotal,
    int Backers,
    IReadOnlyDictionary<string, int> BackersByTier,
    IReadOnlyDictionary<string, decimal> TotalByCountry);

/// <summary>
/// Builds the end-of-campaign report for the creator dashboard.
/// </summary>
public static class CampaignReportBuilder
{
    public static CampaignReport Build(IReadOnlyList<Backing> backings)
    {
        var captured = backings.AsParallel().Where(b => b.Captured);

        var total = captured.Sum(b => b.Amount);

        var backers = captured.Select(b => b.BackerId).Distinct().Count();

        var byTier = captured
            .GroupBy(b => b.RewardTier)
            .ToDictionary(g => g.Key, g => g.Count());

        var byCountry = captured.Aggregate(
            () => new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase),
            (local, b) =>
            {
                local[b.Country] = local.GetValueOrDefault(b.Country) + b.Amount;
                return local;
            },
            (left, right) =>
            {
                foreach (var (country, amount) in right)
                {
                    left[country] = left.GetValueOrDefault(country) + amount;
                }
                return left;
            },
            merged => (IReadOnlyDictionary<string, decimal>)merged);

        return new CampaignReport(total, backers, byTier, byCountry);
    }

    public static IReadOnlyList<string> LargestBackers(IReadOnlyList<Backing> backings, int count) =>
        backings.AsParallel()
            .Where(b => b.Captured)
            .GroupBy(b => b.BackerId)
            .Select(g => (BackerId: g.Key, Total: g.Sum(b => b.Amount)))
            .OrderByDescending(x => x.Total)
            .Take(count)
            .Select(x => $"{x.BackerId}: {x.Total:C}")
            .ToList();
}
