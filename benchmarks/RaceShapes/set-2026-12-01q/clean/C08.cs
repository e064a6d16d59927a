namespace DroneDelivery.Airspace
{
    public readonly record struct TrackPoint(double Lat, double Lon, double AltitudeM, DateTimeOffset At);

    public sealed record FlightLog(string FlightId, IReadOnlyList<TrackPoint> Track);

    public sealed record AirspaceAuditResult(int FlightsAudited, int CeilingBreaches, double TotalDistanceKm);

    /// <summary>
    /// Post-flight audit of yesterday's deliveries against the corridor ceiling.
    /// </summary>
    public sealed class CeilingAuditor
    {
        private readonly double _ceilingM;

        public CeilingAuditor(double ceilingM) => _ceilingM = ceilingM;

        public AirspaceAuditResult Audit(IReadOnlyList<FlightLog> logs)
        {
            var breaches = 0;
            long distanceMetres = 0;

            Parallel.ForEach(
                logs,
                () => (Breaches: 0, Metres: 0.0),
                (log, _, local) =>
                {
                    for (var i = 0; i < log.Track.Count; i++)
                    {
                        var p = log.Track[i];
                        if (p.AltitudeM > _ceilingM)
                        {
                            local.Breaches++;
                        }

                        if (i > 0)
                        {
                            local.Metres += HaversineMetres(log.Track[i - 1], p);
                        }
                    }
                    return local;
                },
                local =>
                {
                    Interlocked.Add(ref breaches, local.Breaches);
                    Interlocked.Add(ref distanceMetres, (long)local.Metres);
                });

            return new AirspaceAuditResult(logs.Count, breaches, distanceMetres / 1000.0);
        }

        private static double HaversineMetres(TrackPoint a, TrackPoint b)
        {
            const double R = 6_371_000;
            var dLat = ToRad(b.Lat - a.Lat);
            var dLon = ToRad(b.Lon - a.Lon);
            var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                    Math.Cos(ToRad(a.Lat)) * Math.Cos(ToRad(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
            return 2 * R * Math.Asin(Math.Sqrt(h));
        }

        private static double ToRad(double deg) => deg * Math.PI / 180.0;
    }
}
