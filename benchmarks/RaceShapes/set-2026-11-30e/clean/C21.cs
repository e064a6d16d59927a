using System.Net;

namespace Geo.Lookup;

public sealed record GeoRange(uint Start, uint End, string CountryCode);

/// <summary>
/// Looks up the country for an IPv4 address using a CSV range database that is loaded the
/// first time a lookup is made. Used by request middleware on every request.
/// </summary>
public sealed class CountryLookup
{
    private readonly string _databasePath;
    private GeoRange[]? _ranges;
    private bool _loaded;
    private object? _loadLock;

    public CountryLookup(string databasePath) => _databasePath = databasePath;

    public string? Lookup(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return null;
        }

        var ranges = LazyInitializer.EnsureInitialized(ref _ranges, ref _loaded, ref _loadLock, Load)!;
        var bytes = address.GetAddressBytes();
        uint value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);

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

        return null;
    }

    private GeoRange[] Load()
    {
        var list = new List<GeoRange>();
        foreach (var line in File.ReadLines(_databasePath))
        {
            var parts = line.Split(',');
            if (parts.Length >= 3 && uint.TryParse(parts[0], out var start) && uint.TryParse(parts[1], out var end))
            {
                list.Add(new GeoRange(start, end, parts[2].Trim().ToUpperInvariant()));
            }
        }

        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        return list.ToArray();
    }
}
