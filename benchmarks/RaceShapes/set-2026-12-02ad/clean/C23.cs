using System.Collections.Concurrent;

namespace Blind30.BicycleCouriers;

public sealed record Drop(string Reference, double Lat, double Lon);

public sealed record Route(string Rider, IReadOnlyList<Drop> Drops, double Kilometres);

/// <summary>
/// Plans riders' routes for the afternoon round by randomised improvement. Each rider's
/// route is planned in parallel; each worker thread has its own random generator.
/// </summary>
public sealed class RoundPlanner
{
    private readonly ThreadLocal<Random> _random = new(() => new Random(Environment.CurrentManagedThreadId * 7919));
    private readonly int _iterations;

    public RoundPlanner(int iterations)
    {
        _iterations = iterations;
    }

    public IReadOnlyList<Route> Plan(IReadOnlyDictionary<string, IReadOnlyList<Drop>> dropsByRider)
    {
        var routes = new ConcurrentQueue<Route>();
        Parallel.ForEach(dropsByRider, pair =>
        {
            var best = pair.Value.ToArray();
            double bestLength = Length(best);
            var random = _random.Value!;

            for (int n = 0; n < _iterations && best.Length > 2; n++)
            {
                var candidate = (Drop[])best.Clone();
                int i = random.Next(candidate.Length);
                int j = random.Next(candidate.Length);
                (candidate[i], candidate[j]) = (candidate[j], candidate[i]);

                double length = Length(candidate);
                if (length < bestLength)
                {
                    best = candidate;
                    bestLength = length;
                }
            }

            routes.Enqueue(new Route(pair.Key, best, bestLength));
        });

        return routes.OrderBy(r => r.Rider).ToList();
    }

    private static double Length(IReadOnlyList<Drop> drops)
    {
        double km = 0;
        for (int i = 1; i < drops.Count; i++)
        {
            km += Haversine(drops[i - 1], drops[i]);
        }

        return km;
    }

    private static double Haversine(Drop a, Drop b)
    {
        const double R = 6371.0;
        double dLat = (b.Lat - a.Lat) * Math.PI / 180;
        double dLon = (b.Lon - a.Lon) * Math.PI / 180;
        double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(a.Lat * Math.PI / 180) * Math.Cos(b.Lat * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Sqrt(h));
    }
}
