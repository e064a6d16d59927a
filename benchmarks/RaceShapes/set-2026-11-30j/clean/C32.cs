using System.Net;

namespace Blind10.Geo.Lookup;

public sealed record GeoRange(uint Start, uint End, string CountryCode);

/// <summary>
/// IPv4-to-country lookup backed by a CSV range database. The database is large, so it is
/// loaded on first use rather than at startup. Request middleware calls
/// <see cref="CountryOf"/> for every incoming request.
/// </summary>
public sealed class GeoIpLookup
{
    private readonly string _databasePath;
    private GeoRange[]? _ranges;
    private bool _loaded;
    private object? _loadLock;

    public GeoIpLookup(string databasePath) => _databasePath = databasePath;

    public bool IsLoaded => Volatile.Read(ref _loaded);

    public string? CountryOf(IPAddress address)
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
        var ranges = new List<GeoRange>();
        foreach (var line in File.ReadLines(_databasePath))
        {
            var parts = line.Split(',');
            if (parts.Length >= 3 && uint.TryParse(parts[0], out var start) && uint.TryParse(parts[1], out var end))
            {
                ranges.Add(new GeoRange(start, end, parts[2].Trim('"')));
            }
        }
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        return ranges.ToArray();
    }
}
