namespace Blind55.Racy.R10;

public sealed record RateCardLine(string Category, decimal Fee);

/// <summary>
/// Weekly stall fees for the farmers' market, looked up by the pitch allocation API.
/// The rate card is read from disk the first time any request needs it.
/// </summary>
public static class StallFeeTable
{
    private const decimal DefaultFee = 25m;
    private static readonly object InitLock = new();
    private static Dictionary<string, decimal>? _fees;

    private const string RateCardPath = "ratecard.csv";

    public static decimal FeeFor(string category)
    {
        var fees = _fees;
        if (fees == null)
        {
            lock (InitLock)
            {
                if (_fees == null)
                {
                    _fees = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
                    foreach (var line in LoadRateCard())
                    {
                        _fees[line.Category] = line.Fee;
                    }
                }

                fees = _fees;
            }
        }

        return fees.TryGetValue(category, out var fee) ? fee : DefaultFee;
    }

    private static IEnumerable<RateCardLine> LoadRateCard()
    {
        if (!File.Exists(RateCardPath))
        {
            yield return new RateCardLine("produce", 20m);
            yield return new RateCardLine("dairy", 30m);
            yield return new RateCardLine("hot-food", 45m);
            yield break;
        }

        foreach (var raw in File.ReadLines(RateCardPath).Skip(1))
        {
            var parts = raw.Split(',');
            if (parts.Length == 2 && decimal.TryParse(parts[1], out var fee))
            {
                yield return new RateCardLine(parts[0].Trim(), fee);
            }
        }
    }
}

public sealed record StallApplication(string Trader, string Category, int Weeks);

public sealed class PitchAllocationService
{
    public async Task<decimal> QuoteAllAsync(IEnumerable<StallApplication> applications, CancellationToken ct)
    {
        var quotes = await Task.WhenAll(applications.Select(a => Task.Run(() => StallFeeTable.FeeFor(a.Category) * a.Weeks, ct)));
        return quotes.Sum();
    }
}
