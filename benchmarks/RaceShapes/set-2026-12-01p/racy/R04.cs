using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Blind16.CourierRouting.Planning;

public readonly record struct GeoPoint(double Latitude, double Longitude);

public sealed record RouteLeg(string FromStop, string ToStop, GeoPoint From, GeoPoint To, bool HasHill);

public sealed record RouteEstimate(string CourierId, double DistanceKm, TimeSpan RideTime);

/// <summary>
/// Estimates ride distance and duration for a bike courier's planned run.
/// </summary>
public sealed class RouteEstimator
{
    private const double EarthRadiusKm = 6371.0;
    private const double FlatSpeedKmh = 18.0;
    private const double HillSpeedKmh = 11.0;

    public RouteEstimate Estimate(string courierId, IReadOnlyList<RouteLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);

        double totalKm = 0;
        long totalSeconds = 0;

        Parallel.For(
            0,
            legs.Count,
            () => (Km: 0.0, Seconds: 0L),
            (i, _, acc) =>
            {
                var leg = legs[i];
                var km = Haversine(leg.From, leg.To) * 1.25; // street grid factor
                var speed = leg.HasHill ? HillSpeedKmh : FlatSpeedKmh;
                var seconds = (long)(km / speed * 3600);
                return (acc.Km + km, acc.Seconds + seconds);
            },
            acc =>
            {
                totalKm += acc.Km;
                System.Threading.Interlocked.Add(ref totalSeconds, acc.Seconds);
            });

        return new RouteEstimate(courierId, Math.Round(totalKm, 2), TimeSpan.FromSeconds(totalSeconds));
    }

    public IReadOnlyList<RouteEstimate> EstimateAll(IReadOnlyDictionary<string, IReadOnlyList<RouteLeg>> runs)
    {
        var results = new List<RouteEstimate>(runs.Count);
        foreach (var (courier, legs) in runs)
        {
            results.Add(Estimate(courier, legs));
        }
        results.Sort((a, b) => b.DistanceKm.CompareTo(a.DistanceKm));
        return results;
    }

    private static double Haversine(GeoPoint a, GeoPoint b)
    {
        static double Rad(double deg) => deg * Math.PI / 180.0;

        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude))
              * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(h));
    }
}
