using System.Net;

namespace Geo.Lookup;

public sealed record GeoRange(uint Start, uint End, string CountryCode);

/// <summary>
/// Resolves client IP addresses to country codes for the analytics
/// middleware. The range table is large, so it is only loaded when the first
/// request needs it. Registered as a singleton.
/// </summary>
public sealed class CountryResolver
{
    private readonly Lazy<GeoRange[]> _ranges;

    public CountryResolver(string csvPath)
    {
        _ranges = new Lazy<GeoRange[]>(() => LoadRanges(csvPath), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsLoaded => _ranges.IsValueCreated;

    public string Resolve(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return "--";
        }

        var bytes = address.GetAddressBytes();
        uint value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);

        var ranges = _ranges.Value;
        int lo = 0, hi = ranges.Length - 1;
        while (lo <= hi)
        {
            int mid = lo + (hi - lo) / 2;
            var range = ranges[mid];
            if (value < range.Start)
            {
                hi = mid - 1;
            }
            else if (value > range.End)
            {
                lo = mid + 1;
            }
            else
            {
                return range.CountryCode;
            }
        }

        return "--";
    }

    private static GeoRange[] LoadRanges(string csvPath)
    {
        var list = new List<GeoRange>();
        foreach (var line in File.ReadLines(csvPath))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length >= 3
                && uint.TryParse(parts[0], out var start)
                && uint.TryParse(parts[1], out var end))
            {
                list.Add(new GeoRange(start, end, parts[2].Trim()));
            }
        }

        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        return list.ToArray();
    }
}

public sealed class AnalyticsMiddleware
{
    private readonly CountryResolver _resolver;

    public AnalyticsMiddleware(CountryResolver resolver) => _resolver = resolver;

    public string Tag(IPAddress? remote) => remote is null ? "--" : _resolver.Resolve(remote);
}
