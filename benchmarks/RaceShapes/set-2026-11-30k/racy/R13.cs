using System.Collections.Generic;
using System.Threading;

namespace Mapping.Rendering
{
    public struct Viewport
    {
        public double MinLon;
        public double MinLat;
        public double MaxLon;
        public double MaxLat;
        public int Zoom;
    }

    public readonly record struct TileAddress(int Zoom, int X, int Y);

    /// <summary>
    /// Background tile renderer owned by the map control. <see cref="Pan"/> and
    /// <see cref="SetZoom"/> are called from the UI thread while the user
    /// drags or scrolls; visible tiles are produced on a dedicated render thread.
    /// </summary>
    public sealed class TileRenderLoop : IDisposable
    {
        private readonly Action<TileAddress> _renderTile;
        private readonly AutoResetEvent _invalidated = new(false);
        private readonly Thread _renderThread;
        private Viewport _viewport;
        private volatile bool _disposed;

        public TileRenderLoop(Viewport initial, Action<TileAddress> renderTile)
        {
            _viewport = initial;
            _renderTile = renderTile;
            _renderThread = new Thread(RenderLoop) { IsBackground = true, Name = "tile-render" };
            _renderThread.Start();
        }

        public void Pan(double deltaLon, double deltaLat)
        {
            var v = _viewport;
            _viewport = new Viewport
            {
                MinLon = v.MinLon + deltaLon,
                MaxLon = v.MaxLon + deltaLon,
                MinLat = Math.Clamp(v.MinLat + deltaLat, -85.0, 85.0),
                MaxLat = Math.Clamp(v.MaxLat + deltaLat, -85.0, 85.0),
                Zoom = v.Zoom,
            };
            _invalidated.Set();
        }

        public void SetZoom(int zoom)
        {
            var v = _viewport;
            v.Zoom = Math.Clamp(zoom, 0, 19);
            _viewport = v;
            _invalidated.Set();
        }

        private void RenderLoop()
        {
            while (!_disposed)
            {
                if (!_invalidated.WaitOne(250))
                    continue;

                var viewport = _viewport;
                foreach (var tile in CoveringTiles(viewport))
                {
                    if (_disposed)
                        return;
                    _renderTile(tile);
                }
            }
        }

        private static IEnumerable<TileAddress> CoveringTiles(Viewport v)
        {
            int n = 1 << v.Zoom;
            int xMin = LonToTileX(v.MinLon, n);
            int xMax = LonToTileX(v.MaxLon, n);
            int yMin = LatToTileY(v.MaxLat, n);
            int yMax = LatToTileY(v.MinLat, n);

            for (int x = xMin; x <= xMax; x++)
                for (int y = yMin; y <= yMax; y++)
                    yield return new TileAddress(v.Zoom, ((x % n) + n) % n, y);
        }

        private static int LonToTileX(double lon, int n) => (int)Math.Floor((lon + 180.0) / 360.0 * n);

        private static int LatToTileY(double lat, int n)
        {
            double rad = lat * Math.PI / 180.0;
            double y = (1.0 - Math.Log(Math.Tan(rad) + 1.0 / Math.Cos(rad)) / Math.PI) / 2.0 * n;
            return Math.Clamp((int)Math.Floor(y), 0, n - 1);
        }

        public void Dispose()
        {
            _disposed = true;
            _invalidated.Set();
            _renderThread.Join();
            _invalidated.Dispose();
        }
    }
}
