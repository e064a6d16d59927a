namespace Blind28.Observatory.Archives;

public sealed record PlateRecord(string PlateId, string Telescope, DateOnly Exposed, double RightAscension, double Declination, string Shelf);

/// <summary>
/// Index of the glass plate archive. The index is loaded on first use from the manifest
/// shipped with the application and then looked up by every request of the catalogue site.
/// </summary>
public static class PlateCatalog
{
    private static readonly object LoadLock = new();
    private static Dictionary<string, PlateRecord>? _index;

    private const string ManifestPath = "plates.csv";

    public static PlateRecord? Find(string plateId)
    {
        var index = _index;
        if (index is null)
        {
            lock (LoadLock)
            {
                if (_index is null)
                {
                    _index = new Dictionary<string, PlateRecord>(StringComparer.OrdinalIgnoreCase);
                    foreach (var record in ReadManifest(ManifestPath))
                    {
                        _index[record.PlateId] = record;
                    }
                }

                index = _index;
            }
        }

        return index.TryGetValue(plateId, out var found) ? found : null;
    }

    public static IEnumerable<PlateRecord> NearPosition(double ra, double dec, double radiusDegrees)
    {
        // Make sure the index is loaded before scanning.
        Find(string.Empty);
        var index = _index!;
        return index.Values
            .Where(p => Math.Abs(p.RightAscension - ra) <= radiusDegrees && Math.Abs(p.Declination - dec) <= radiusDegrees)
            .ToList();
    }

    private static IEnumerable<PlateRecord> ReadManifest(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 6)
            {
                continue;
            }

            yield return new PlateRecord(
                parts[0],
                parts[1],
                DateOnly.Parse(parts[2]),
                double.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture),
                parts[5]);
        }
    }
}
