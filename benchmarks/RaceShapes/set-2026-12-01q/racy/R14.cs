namespace SnowPlough.Routing
{
    public sealed record RoadSegment(int Id, string Name, double LengthKm, int PriorityClass, double GradientPercent);

    public sealed record PlannedPass(int SegmentId, double EstimatedMinutes, bool NeedsGrit);

    /// <summary>
    /// Builds the overnight pass list for the depot's plough fleet from the
    /// road network and the forecast snowfall.
    /// </summary>
    public sealed class OvernightRoutePlanner
    {
        private readonly double _ploughSpeedKmh;

        public OvernightRoutePlanner(double ploughSpeedKmh) => _ploughSpeedKmh = ploughSpeedKmh;

        public IReadOnlyList<PlannedPass> Plan(IReadOnlyList<RoadSegment> network, double forecastSnowCm)
        {
            var passes = new List<PlannedPass>(network.Count);

            network
                .AsParallel()
                .Where(s => s.PriorityClass <= 3 || forecastSnowCm > 10)
                .ForAll(segment =>
                {
                    var passesNeeded = forecastSnowCm > 15 ? 2 : 1;
                    var minutes = segment.LengthKm / _ploughSpeedKmh * 60 * passesNeeded;
                    if (segment.GradientPercent > 6)
                    {
                        minutes *= 1.4;
                    }

                    var needsGrit = segment.PriorityClass == 1 || segment.GradientPercent > 8;
                    passes.Add(new PlannedPass(segment.Id, minutes, needsGrit));
                });

            passes.Sort((a, b) => a.SegmentId.CompareTo(b.SegmentId));
            return passes;
        }
    }

    /// <summary>
    /// Splits the planned passes across the available trucks so each gets a
    /// similar amount of work.
    /// </summary>
    public static class FleetAssigner
    {
        public static IReadOnlyList<IReadOnlyList<PlannedPass>> Assign(IReadOnlyList<PlannedPass> passes, int truckCount)
        {
            var buckets = new List<PlannedPass>[truckCount];
            var load = new double[truckCount];
            for (var i = 0; i < truckCount; i++)
            {
                buckets[i] = new List<PlannedPass>();
            }

            foreach (var pass in passes.OrderByDescending(p => p.EstimatedMinutes))
            {
                var lightest = 0;
                for (var i = 1; i < truckCount; i++)
                {
                    if (load[i] < load[lightest])
                    {
                        lightest = i;
                    }
                }

                buckets[lightest].Add(pass);
                load[lightest] += pass.EstimatedMinutes;
            }

            return buckets;
        }
    }
}
