using System.Globalization;

namespace Blind8.Web.Currency;

public sealed record CurrencyInfo(string Code, string Symbol, int MinorUnits, string DisplayName);

/// <summary>
/// Resolves ISO 4217 currency codes for price formatting. Registered as a
/// singleton; the table is read from disk the first time any request needs it.
/// </summary>
public sealed class CurrencyCatalog
{
    private readonly string _dataFile;
    private readonly Lazy<IReadOnlyDictionary<string, CurrencyInfo>> _byCode;

    public CurrencyCatalog(string? dataFile = null)
    {
        _dataFile = dataFile ?? Path.Combine(AppContext.BaseDirectory, "data", "currencies.csv");
        _byCode = new Lazy<IReadOnlyDictionary<string, CurrencyInfo>>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public CurrencyInfo? Find(string code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        return _byCode.Value.TryGetValue(code.Trim(), out var info) ? info : null;
    }

    public string FormatPrice(decimal amount, string code)
    {
        var info = Find(code);
        if (info is null)
        {
            return amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + code;
        }

        var rounded = Math.Round(amount, info.MinorUnits, MidpointRounding.AwayFromZero);
        return info.Symbol + rounded.ToString("N" + info.MinorUnits, CultureInfo.InvariantCulture);
    }

    private IReadOnlyDictionary<string, CurrencyInfo> Load()
    {
        var map = new Dictionary<string, CurrencyInfo>(StringComparer.OrdinalIgnoreCase);

        var lineNumber = 0;
        foreach (var line in File.ReadLines(_dataFile))
        {
            lineNumber++;
            if (lineNumber == 1 || line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length < 4 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var minor))
            {
                throw new FormatException($"{_dataFile}:{lineNumber}: malformed currency row");
            }

            map[parts[0]] = new CurrencyInfo(parts[0], parts[1], minor, parts[3]);
        }

        return map;
    }
}
