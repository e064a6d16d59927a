namespace Carpool.Matching
{
    public sealed record Commuter(string Id, double HomeLat, double HomeLon, double WorkLat, double WorkLon, TimeOnly Departure);

    public sealed record MatchSuggestion(string RiderId, string DriverId, double DetourKm, int Score);

    /// <summary>
    /// Scores potential carpool pairings. Matching for each rider runs in
    /// parallel; every worker thread gets its own scratch buffer and random
    /// tie-breaker.
    /// </summary>
    public sealed class CarpoolMatcher : IDisposable
    {
        private readonly ThreadLocal<List<(string DriverId, double Detour, int Score)>> _scratch =
            new(() => new List<(string, double, int)>(64));

        private readonly ThreadLocal<Random> _tieBreaker =
            new(() => new Random(Environment.CurrentManagedThreadId * 7919));

        private readonly double _maxDetourKm;

        public CarpoolMatcher(double maxDetourKm) => _maxDetourKm = maxDetourKm;

        public IReadOnlyList<MatchSuggestion> Match(IReadOnlyList<Commuter> riders, IReadOnlyList<Commuter> drivers)
        {
            var results = new MatchSuggestion?[riders.Count];

            Parallel.For(0, riders.Count, i =>
            {
                var rider = riders[i];
                var scratch = _scratch.Value!;
                var random = _tieBreaker.Value!;
                scratch.Clear();

                foreach (var driver in drivers)
                {
                    var detour = Distance(driver.HomeLat, driver.HomeLon, rider.HomeLat, rider.HomeLon) +
                                 Distance(rider.WorkLat, rider.WorkLon, driver.WorkLat, driver.WorkLon);
                    if (detour > _maxDetourKm)
                    {
                        continue;
                    }

                    var minutesApart = Math.Abs((driver.Departure - rider.Departure).TotalMinutes);
                    var score = (int)(1000 - detour * 40 - minutesApart * 5) + random.Next(0, 3);
                    scratch.Add((driver.Id, detour, score));
                }

                if (scratch.Count == 0)
                {
                    return;
                }

                var best = scratch[0];
                foreach (var candidate in scratch)
                {
                    if (candidate.Score > best.Score)
                    {
                        best = candidate;
                    }
                }

                results[i] = new MatchSuggestion(rider.Id, best.DriverId, Math.Round(best.Detour, 1), best.Score);
            });

            return results.Where(r => r is not null).Select(r => r!).ToList();
        }

        private static double Distance(double lat1, double lon1, double lat2, double lon2)
        {
            var dx = (lon2 - lon1) * 111.32 * Math.Cos((lat1 + lat2) * Math.PI / 360);
            var dy = (lat2 - lat1) * 110.57;
            return Math.Sqrt(dx * dx + dy * dy);
        }

        public void Dispose()
        {
            _scratch.Dispose();
            _tieBreaker.Dispose();
        }
    }
}
