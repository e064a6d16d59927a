namespace Blind.C08;

/// <summary>
/// Maps country calling codes to ISO country names. Consulted by the phone number
/// formatter from every request thread.
/// </summary>
public static class CallingCodeTable
{
    private static Dictionary<string, string>? _byCode;
    private static bool _initialized;
    private static object? _initLock;

    public static string? CountryFor(string e164Number)
    {
        var table = LazyInitializer.EnsureInitialized(ref _byCode, ref _initialized, ref _initLock, Load)!;

        // Calling codes are 1 to 3 digits; try the longest prefix first.
        for (int length = 3; length >= 1; length--)
        {
            if (e164Number.Length > length + 1 && table.TryGetValue(e164Number.Substring(1, length), out var country))
            {
                return country;
            }
        }

        return null;
    }

    private static Dictionary<string, string> Load()
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["1"] = "US",
            ["44"] = "GB",
            ["49"] = "DE",
            ["33"] = "FR",
            ["81"] = "JP",
            ["351"] = "PT",
            ["353"] = "IE",
        };

        // Optional CSV file ("code,country") with additional entries.
        var path = Environment.GetEnvironmentVariable("CALLING_CODES_EXTRA");
        if (!string.IsNullOrEmpty(path) && File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split(',', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0].All(char.IsDigit))
                {
                    table[parts[0]] = parts[1];
                }
            }
        }

        return table;
    }
}
