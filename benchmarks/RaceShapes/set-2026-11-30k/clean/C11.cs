using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Mapping.Projection
{
    /// <summary>
    /// Precomputed Web Mercator constants used by the tile renderer.
    /// </summary>
    public static class MercatorTables
    {
        public const int MaxZoom = 22;
        private const double EarthCircumferenceMeters = 40075016.686;

        private static double[]? s_metersPerPixelAtEquator;

        /// <summary>Ground resolution at the equator for zoom levels 0..22 with 256 px tiles.</summary>
        public static IReadOnlyList<double> MetersPerPixelAtEquator =>
            LazyInitializer.EnsureInitialized(ref s_metersPerPixelAtEquator, BuildResolutions);

        public static double GroundResolution(double latitude, int zoom)
        {
            var table = MetersPerPixelAtEquator;
            return table[Math.Clamp(zoom, 0, MaxZoom)] * Math.Cos(latitude * Math.PI / 180.0);
        }

        private static double[] BuildResolutions()
        {
            var result = new double[MaxZoom + 1];
            for (int z = 0; z <= MaxZoom; z++)
                result[z] = EarthCircumferenceMeters / (256.0 * (1L << z));
            return result;
        }
    }

    public readonly record struct TileRequest(int Zoom, int X, int Y);

    public readonly record struct ScaleBar(TileRequest Tile, double MetersPerPixel, int BarPixels, int BarMeters);

    public static class ScaleBarCalculator
    {
        private static readonly int[] NiceDistances = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000 };

        public static ScaleBar[] ForTiles(IReadOnlyList<TileRequest> tiles, int maxBarPixels)
        {
            var results = new ScaleBar[tiles.Count];
            Parallel.For(0, tiles.Count, i =>
            {
                var tile = tiles[i];
                double n = Math.PI - 2.0 * Math.PI * (tile.Y + 0.5) / (1 << tile.Zoom);
                double latitude = 180.0 / Math.PI * Math.Atan(Math.Sinh(n));
                double mpp = MercatorTables.GroundResolution(latitude, tile.Zoom);
                int meters = NiceDistances.LastOrDefault(d => d / mpp <= maxBarPixels, NiceDistances[0]);
                results[i] = new ScaleBar(tile, mpp, (int)Math.Round(meters / mpp), meters);
            });
            return results;
        }
    }
}
