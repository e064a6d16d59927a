namespace DroneDelivery.Geofence
{
    public sealed record GeofencePolygon(string Name, IReadOnlyList<(double Lat, double Lon)> Vertices, double CeilingM);

    public interface IGeofenceSource
    {
        IReadOnlyList<GeofencePolygon> Download();
    }

    /// <summary>
    /// Geofence checks for the flight-authorisation SDK. One instance is
    /// shared by every flight the dispatcher authorises; the polygon set is
    /// downloaded on first use and can be refreshed by the operator.
    /// </summary>
    public sealed class GeofenceClient
    {
        private readonly IGeofenceSource _source;
        private readonly object _loadLock = new();
        private volatile IReadOnlyList<GeofencePolygon>? _polygons;

        public GeofenceClient(IGeofenceSource source) => _source = source;

        private IReadOnlyList<GeofencePolygon> Polygons
        {
            get
            {
                var polygons = _polygons;
                if (polygons is not null)
                {
                    return polygons;
                }

                lock (_loadLock)
                {
                    polygons = _polygons;
                    if (polygons is null)
                    {
                        polygons = _source.Download().ToArray();
                        _polygons = polygons;
                    }
                    return polygons;
                }
            }
        }

        public void Refresh()
        {
            var fresh = _source.Download().ToArray();
            lock (_loadLock)
            {
                _polygons = fresh;
            }
        }

        public bool IsRestricted(double lat, double lon, double altitudeM)
        {
            foreach (var polygon in Polygons)
            {
                if (altitudeM <= polygon.CeilingM && Contains(polygon.Vertices, lat, lon))
                {
                    return true;
                }
            }
            return false;
        }

        private static bool Contains(IReadOnlyList<(double Lat, double Lon)> v, double lat, double lon)
        {
            var inside = false;
            for (int i = 0, j = v.Count - 1; i < v.Count; j = i++)
            {
                if ((v[i].Lat > lat) != (v[j].Lat > lat) &&
                    lon < (v[j].Lon - v[i].Lon) * (lat - v[i].Lat) / (v[j].Lat - v[i].Lat) + v[i].Lon)
                {
                    inside = !inside;
                }
            }
            return inside;
        }
    }
}
