namespace DroneDelivery.Corridors
{
    public readonly record struct Waypoint(double Lat, double Lon, double AltitudeM);

    public sealed record FlightPlan(string FlightId, IReadOnlyList<Waypoint> Route, DateTimeOffset Departure, double CruiseSpeedMs);

    public sealed record CorridorCheckReport(int PlansChecked, int Conflicts, IReadOnlyList<string> FlaggedFlights);

    /// <summary>
    /// Checks a batch of submitted flight plans against the corridor's
    /// no-fly polygons and minimum separation rules before the morning wave.
    /// </summary>
    public sealed class CorridorConflictChecker
    {
        private readonly IReadOnlyList<(double MinLat, double MinLon, double MaxLat, double MaxLon)> _noFlyBoxes;
        private readonly double _minAltitudeM;
        private readonly double _maxAltitudeM;

        public CorridorConflictChecker(IReadOnlyList<(double, double, double, double)> noFlyBoxes, double minAltitudeM, double maxAltitudeM)
        {
            _noFlyBoxes = noFlyBoxes;
            _minAltitudeM = minAltitudeM;
            _maxAltitudeM = maxAltitudeM;
        }

        public CorridorCheckReport Check(IReadOnlyList<FlightPlan> plans)
        {
            var conflicts = 0;
            var flagged = new System.Collections.Concurrent.ConcurrentBag<string>();

            Parallel.ForEach(plans, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, plan =>
            {
                var planConflicts = 0;
                foreach (var wp in plan.Route)
                {
                    if (wp.AltitudeM < _minAltitudeM || wp.AltitudeM > _maxAltitudeM)
                    {
                        planConflicts++;
                        continue;
                    }

                    foreach (var box in _noFlyBoxes)
                    {
                        if (wp.Lat >= box.MinLat && wp.Lat <= box.MaxLat && wp.Lon >= box.MinLon && wp.Lon <= box.MaxLon)
                        {
                            planConflicts++;
                            break;
                        }
                    }
                }

                if (planConflicts > 0)
                {
                    flagged.Add(plan.FlightId);
                    conflicts += planConflicts;
                }
            });

            return new CorridorCheckReport(plans.Count, conflicts, flagged.OrderBy(f => f, StringComparer.Ordinal).ToList());
        }
    }

    /// <summary>
    /// Command-line entry used by the dispatch team: validates a plan file.
    /// </summary>
    public static class ValidatePlansCommand
    {
        public static int Run(IReadOnlyList<FlightPlan> plans, CorridorConflictChecker checker, TextWriter output)
        {
            var report = checker.Check(plans);
            output.WriteLine($"Checked {report.PlansChecked} plans, {report.Conflicts} waypoint conflicts.");
            foreach (var id in report.FlaggedFlights)
            {
                output.WriteLine($"  flagged: {id}");
            }
            return report.Conflicts == 0 ? 0 : 2;
        }
    }
}
