namespace Blind2.R06;

public sealed record CountryInfo(string Code, string Name, string CurrencyCode);

/// <summary>
/// Resolves ISO 3166 country codes from the bundled countries.csv file.
/// Registered as a singleton; validators and controllers use it on every
/// request. The file is only read the first time a code is looked up.
/// </summary>
public sealed class CountryLookup
{
    private readonly string _dataFile;
    private Dictionary<string, CountryInfo>? _byCode;

    public CountryLookup(string dataFile) => _dataFile = dataFile;

    public CountryInfo? Find(string code)
    {
        var map = EnsureLoaded();
        return map.TryGetValue(code.Trim(), out var info) ? info : null;
    }

    public bool IsKnown(string code) => Find(code) is not null;

    private Dictionary<string, CountryInfo> EnsureLoaded()
    {
        if (_byCode is null)
        {
            _byCode = new Dictionary<string, CountryInfo>(StringComparer.OrdinalIgnoreCase);

            // code,name,currency  (first line is a header)
            foreach (var line in File.ReadLines(_dataFile).Skip(1))
            {
                var parts = line.Split(',');
                if (parts.Length < 3)
                    continue;

                var code = parts[0].Trim();
                _byCode[code] = new CountryInfo(code, parts[1].Trim(), parts[2].Trim());
            }
        }

        return _byCode;
    }
}

public sealed record ShippingAddress(string Line1, string City, string PostalCode, string CountryCode);

public sealed class AddressValidator
{
    private readonly CountryLookup _countries;

    public AddressValidator(CountryLookup countries) => _countries = countries;

    public IReadOnlyList<string> Validate(ShippingAddress address)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(address.Line1))
            errors.Add("Address line is required.");
        if (string.IsNullOrWhiteSpace(address.City))
            errors.Add("City is required.");
        if (!_countries.IsKnown(address.CountryCode))
            errors.Add($"Unknown country '{address.CountryCode}'.");
        return errors;
    }
}

/// <summary>Minimal host loop: each incoming checkout request is handled on the thread pool.</summary>
public sealed class CheckoutEndpoint
{
    private readonly AddressValidator _validator;

    public CheckoutEndpoint(AddressValidator validator) => _validator = validator;

    public Task<IReadOnlyList<string>[]> HandleAsync(IEnumerable<ShippingAddress> incoming)
        => Task.WhenAll(incoming.Select(address => Task.Run(() => _validator.Validate(address))));
}
