namespace Blind2.C06;

public sealed record CurrencyInfo(string Code, string Symbol, int MinorUnits);

/// <summary>
/// ISO 4217 currency table loaded from currencies.csv the first time it is
/// needed. Registered as a singleton and used by the pricing endpoints on
/// every request.
/// </summary>
public sealed class CurrencyCatalog
{
    private readonly Lazy<IReadOnlyDictionary<string, CurrencyInfo>> _byCode;

    public CurrencyCatalog(string dataFile)
    {
        _byCode = new Lazy<IReadOnlyDictionary<string, CurrencyInfo>>(
            () => Load(dataFile),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public CurrencyInfo? Find(string code)
        => _byCode.Value.TryGetValue(code.Trim(), out var info) ? info : null;

    public string Format(decimal amount, string code)
    {
        var info = Find(code) ?? throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));
        return info.Symbol + Math.Round(amount, info.MinorUnits).ToString("N" + info.MinorUnits);
    }

    private static IReadOnlyDictionary<string, CurrencyInfo> Load(string dataFile)
    {
        var map = new Dictionary<string, CurrencyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(dataFile).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var minor))
                continue;

            var code = parts[0].Trim();
            map[code] = new CurrencyInfo(code, parts[1].Trim(), minor);
        }
        return map;
    }
}

public sealed record PriceRequest(decimal Amount, string Currency);

public sealed class PriceFormattingEndpoint
{
    private readonly CurrencyCatalog _catalog;

    public PriceFormattingEndpoint(CurrencyCatalog catalog) => _catalog = catalog;

    public Task<string[]> HandleAsync(IEnumerable<PriceRequest> requests)
        => Task.WhenAll(requests.Select(r => Task.Run(() => _catalog.Format(r.Amount, r.Currency))));
}
