using System.Globalization;

namespace Blind8.Web.Geo;

public sealed record CountryInfo(string IsoCode, string Name, string Currency, string CallingCode);

/// <summary>
/// Resolves ISO country codes to display data. Registered as a singleton and
/// used by the localisation middleware on every request, so the data file is
/// read the first time it is needed rather than at startup.
/// </summary>
public sealed class CountryLookup
{
    private readonly string _dataFile;
    private Dictionary<string, CountryInfo>? _byCode;

    public CountryLookup(string? dataFile = null)
    {
        _dataFile = dataFile ?? Path.Combine(AppContext.BaseDirectory, "data", "countries.csv");
    }

    public CountryInfo? Find(string isoCode)
    {
        if (string.IsNullOrWhiteSpace(isoCode))
        {
            return null;
        }

        var map = _byCode ?? Load();
        return map.TryGetValue(isoCode.Trim(), out var info) ? info : null;
    }

    public string FormatPhone(string isoCode, string localNumber)
    {
        var info = Find(isoCode);
        return info is null ? localNumber : $"+{info.CallingCode} {localNumber.TrimStart('0')}";
    }

    private Dictionary<string, CountryInfo> Load()
    {
        _byCode = new Dictionary<string, CountryInfo>(StringComparer.OrdinalIgnoreCase);

        using var reader = new StreamReader(_dataFile);
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (lineNumber == 1 || line.Length == 0 || line[0] == '#')
            {
                continue; // header or comment
            }

            var parts = line.Split(',');
            if (parts.Length < 4)
            {
                throw new FormatException(string.Format(CultureInfo.InvariantCulture,
                    "{0}:{1}: expected 4 columns, found {2}", _dataFile, lineNumber, parts.Length));
            }

            _byCode[parts[0]] = new CountryInfo(parts[0], parts[1], parts[2], parts[3]);
        }

        return _byCode;
    }
}

/// <summary>Middleware-style component that tags each request with its country.</summary>
public sealed class CountryTaggingStep
{
    private readonly CountryLookup _lookup;

    public CountryTaggingStep(CountryLookup lookup) => _lookup = lookup;

    public IDictionary<string, string> Tag(IDictionary<string, string> requestHeaders)
    {
        if (requestHeaders.TryGetValue("CF-IPCountry", out var code) && _lookup.Find(code) is { } country)
        {
            requestHeaders["X-Country-Name"] = country.Name;
            requestHeaders["X-Currency"] = country.Currency;
        }

        return requestHeaders;
    }
}
