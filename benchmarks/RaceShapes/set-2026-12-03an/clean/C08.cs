using System.Collections.Concurrent;

namespace Blind40.Cartographers.Relief;

public readonly record struct SheetCell(int Sheet, int Row, int Column);

public sealed record HillshadeTile(SheetCell Cell, byte[] Shade);

/// <summary>
/// Produces hillshade tiles for relief maps. The elevation grids are shared
/// between adjacent cells, so each grid is loaded once per renderer and reused
/// by the parallel workers.
/// </summary>
public sealed class HillshadeRenderer
{
    private readonly ConcurrentDictionary<int, Lazy<float[]>> _grids = new();
    private readonly Func<int, float[]> _loadGrid;
    private readonly double _sunAzimuthDeg;

    public HillshadeRenderer(Func<int, float[]> loadGrid, double sunAzimuthDeg = 315)
    {
        _loadGrid = loadGrid;
        _sunAzimuthDeg = sunAzimuthDeg;
    }

    public IReadOnlyDictionary<SheetCell, HillshadeTile> RenderAll(IEnumerable<SheetCell> cells, CancellationToken ct)
    {
        return cells
            .AsParallel()
            .WithCancellation(ct)
            .Select(Render)
            .ToDictionary(t => t.Cell);
    }

    private HillshadeTile Render(SheetCell cell)
    {
        var grid = _grids.GetOrAdd(
            cell.Sheet,
            sheet => new Lazy<float[]>(() => _loadGrid(sheet), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

        const int size = 32;
        var shade = new byte[size * size];
        double azimuth = _sunAzimuthDeg * Math.PI / 180;
        int offset = (cell.Row * 7 + cell.Column * 13) % Math.Max(1, grid.Length);

        for (int i = 0; i < shade.Length && grid.Length > 1; i++)
        {
            int a = (offset + i) % grid.Length;
            int b = (a + 1) % grid.Length;
            double slope = grid[b] - grid[a];
            double lit = 0.5 + 0.5 * Math.Cos(azimuth) * Math.Tanh(slope / 10);
            shade[i] = (byte)Math.Clamp(lit * 255, 0, 255);
        }

        return new HillshadeTile(cell, shade);
    }

    public int CachedGridCount => _grids.Count;
}
