using System.Net;

namespace Contoso.Web.Geo
{
    public sealed record CountryRange(uint Start, uint End, string CountryCode);

    /// <summary>
    /// Resolves client IPv4 addresses to ISO country codes from a CSV range file.
    /// The table is loaded on first lookup; the middleware calls
    /// <see cref="Lookup"/> for every request.
    /// </summary>
    public sealed class CountryLookup
    {
        private readonly string _csvPath;
        private CountryRange[]? _ranges;
        private object? _loadLock;
        private bool _loaded;

        public CountryLookup(string csvPath) => _csvPath = csvPath;

        public string? Lookup(IPAddress address)
        {
            if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                return null;
            }

            var ranges = LazyInitializer.EnsureInitialized(ref _ranges, ref _loaded, ref _loadLock, Load)!;
            var bytes = address.GetAddressBytes();
            var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);

            int lo = 0, hi = ranges.Length - 1;
            while (lo <= hi)
            {
                var mid = lo + ((hi - lo) >> 1);
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

        private CountryRange[] Load()
        {
            var list = new List<CountryRange>();
            foreach (var line in File.ReadLines(_csvPath))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var parts = line.Split(',');
                if (parts.Length < 3)
                {
                    continue;
                }

                list.Add(new CountryRange(uint.Parse(parts[0]), uint.Parse(parts[1]), parts[2].Trim().ToUpperInvariant()));
            }

            list.Sort((a, b) => a.Start.CompareTo(b.Start));
            return list.ToArray();
        }
    }
}
