using System.Text;

namespace Blind54.ComicShop.Pricing;

public sealed record BackIssue(string Series, int Number, string Grade, decimal GuidePrice, int Year);

/// <summary>
/// Prices back issues for the shop's bulk-buy offers. Price labels are formatted with a
/// per-thread scratch builder because the pricing runs as a PLINQ query over large
/// collections brought in by customers.
/// </summary>
public static class BackIssuePricer
{
    [ThreadStatic]
    private static StringBuilder? t_label = new StringBuilder(64);

    [ThreadStatic]
    private static int t_labelsFormatted;

    private static StringBuilder Scratch => t_label ??= new StringBuilder(64);

    public static decimal Offer(BackIssue issue)
    {
        var factor = issue.Grade switch
        {
            "NM" => 0.60m,
            "VF" => 0.45m,
            "FN" => 0.30m,
            _ => 0.15m,
        };
        var ageBonus = issue.Year < 1980 ? 1.1m : 1.0m;
        return Math.Round(issue.GuidePrice * factor * ageBonus, 2);
    }

    public static string Label(BackIssue issue)
    {
        var sb = Scratch;
        sb.Clear();
        sb.Append(issue.Series).Append(" #").Append(issue.Number)
          .Append(" (").Append(issue.Grade).Append(") ").Append(Offer(issue).ToString("0.00"));
        t_labelsFormatted++;
        return sb.ToString();
    }

    public static int LabelsFormattedOnThisThread => t_labelsFormatted;

    public static (decimal Total, string[] Labels) PriceCollection(IReadOnlyList<BackIssue> collection)
    {
        var labels = collection.AsParallel().AsOrdered().Select(Label).ToArray();
        var total = collection.AsParallel().Select(Offer).Sum();
        return (total, labels);
    }
}
