namespace Blind40.Cartographers.Tiles;

public readonly record struct TileKey(int Zoom, int X, int Y);

public sealed record ContourSet(TileKey Key, IReadOnlyList<double> Levels);

public sealed record RenderedTile(TileKey Key, int ContourCount, byte[] Png);

public sealed record MapSheet(string Name, IReadOnlyList<TileKey> Tiles);

/// <summary>
/// Renders the tiles of a survey sheet for the print atlas. Contour extraction
/// is expensive, so extracted contours are kept for the lifetime of the renderer
/// and reused when neighbouring sheets share tiles.
/// </summary>
public sealed class SheetTileRenderer
{
    private readonly Dictionary<TileKey, ContourSet> _contourCache = new();
    private readonly Func<TileKey, float[]> _loadElevation;

    public SheetTileRenderer(Func<TileKey, float[]> loadElevation)
    {
        _loadElevation = loadElevation;
    }

    public IReadOnlyList<RenderedTile> RenderSheet(MapSheet sheet)
    {
        return sheet.Tiles
            .AsParallel()
            .AsOrdered()
            .WithDegreeOfParallelism(Math.Max(2, Environment.ProcessorCount / 2))
            .Select(RenderTile)
            .ToList();
    }

    private RenderedTile RenderTile(TileKey key)
    {
        if (!_contourCache.TryGetValue(key, out var contours))
        {
            contours = ExtractContours(key, _loadElevation(key));
            _contourCache[key] = contours;
        }

        var png = new byte[64 + contours.Levels.Count * 4];
        BitConverter.TryWriteBytes(png.AsSpan(0, 4), key.Zoom);
        return new RenderedTile(key, contours.Levels.Count, png);
    }

    private static ContourSet ExtractContours(TileKey key, float[] elevation)
    {
        if (elevation.Length == 0)
        {
            return new ContourSet(key, Array.Empty<double>());
        }

        float min = elevation.Min();
        float max = elevation.Max();
        var levels = new List<double>();
        double interval = key.Zoom >= 14 ? 10 : 50;
        for (double level = Math.Ceiling(min / interval) * interval; level <= max; level += interval)
        {
            levels.Add(level);
        }
        return new ContourSet(key, levels);
    }
}

public static class AtlasBuild
{
    public static int RenderAll(SheetTileRenderer renderer, IEnumerable<MapSheet> sheets)
    {
        int total = 0;
        foreach (var sheet in sheets)
        {
            total += renderer.RenderSheet(sheet).Count;
        }
        return total;
    }
}
