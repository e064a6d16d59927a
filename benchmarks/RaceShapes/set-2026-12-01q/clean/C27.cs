namespace Observatory.Ephemeris
{
    public sealed record TargetCoordinates(string Name, double RaHours, double DecDegrees);

    public interface IEphemerisFile
    {
        IEnumerable<TargetCoordinates> LoadTargets();
    }

    /// <summary>
    /// Lookup of catalogued targets for the telescope control API. The
    /// target table is loaded on first use. Registered as a singleton; every
    /// slew request calls <see cref="Resolve"/>.
    /// </summary>
    public sealed class TargetResolver
    {
        private readonly IEphemerisFile _file;
        private object? _initLock;
        private IReadOnlyDictionary<string, TargetCoordinates>? _targets;
        private bool _initialized;

        public TargetResolver(IEphemerisFile file) => _file = file;

        public TargetCoordinates? Resolve(string name)
        {
            var targets = LazyInitializer.EnsureInitialized(ref _targets, ref _initialized, ref _initLock, Load);
            return targets!.TryGetValue(name.Trim(), out var t) ? t : null;
        }

        public double AltitudeDegrees(string name, double latitudeDeg, double localSiderealHours)
        {
            var target = Resolve(name) ?? throw new KeyNotFoundException(name);
            var hourAngle = (localSiderealHours - target.RaHours) * 15 * Math.PI / 180;
            var dec = target.DecDegrees * Math.PI / 180;
            var lat = latitudeDeg * Math.PI / 180;
            var sinAlt = Math.Sin(dec) * Math.Sin(lat) + Math.Cos(dec) * Math.Cos(lat) * Math.Cos(hourAngle);
            return Math.Asin(sinAlt) * 180 / Math.PI;
        }

        private IReadOnlyDictionary<string, TargetCoordinates> Load()
        {
            var map = new Dictionary<string, TargetCoordinates>(StringComparer.OrdinalIgnoreCase);
            foreach (var t in _file.LoadTargets())
            {
                map[t.Name] = t;
            }
            return map;
        }
    }
}
