namespace Blind2.C17;

public readonly record struct TripRecord(double DistanceKm, double FareAmount, int Passengers);

public sealed record TripStatistics(long Trips, double TotalDistanceKm, double TotalFare, double MaxFare, long Passengers);

/// <summary>
/// Aggregates a day's worth of taxi trip records across all cores.
/// </summary>
public static class TripAggregator
{
    private sealed class Partial
    {
        public long Trips;
        public double Distance;
        public double Fare;
        public double MaxFare;
        public long Passengers;
    }

    public static TripStatistics Aggregate(TripRecord[] records)
    {
        var total = new Partial();
        var mergeLock = new object();

        Parallel.For(
            0,
            records.Length,
            () => new Partial(),
            (i, _, local) =>
            {
                var r = records[i];
                if (r.DistanceKm <= 0 || r.FareAmount < 0)
                    return local;

                local.Trips++;
                local.Distance += r.DistanceKm;
                local.Fare += r.FareAmount;
                local.Passengers += r.Passengers;
                if (r.FareAmount > local.MaxFare)
                    local.MaxFare = r.FareAmount;
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    total.Trips += local.Trips;
                    total.Distance += local.Distance;
                    total.Fare += local.Fare;
                    total.Passengers += local.Passengers;
                    total.MaxFare = Math.Max(total.MaxFare, local.MaxFare);
                }
            });

        return new TripStatistics(total.Trips, total.Distance, total.Fare, total.MaxFare, total.Passengers);
    }
}
