namespace Blind56.SnowClearing.Salt;

public readonly record struct GritterPing(string VehicleId, string RouteId, double SpreadKgPerKm, double KmSincePrevious);

public sealed class RouteUsage
{
    public double SaltKg;
    public double Kilometres;
    public int Pings;
}

/// <summary>
/// Works out salt usage per gritting route from a night's GPS pings, for the
/// council's morning report.
/// </summary>
public static class SaltUsageReport
{
    public static IReadOnlyDictionary<string, RouteUsage> Summarise(IReadOnlyList<GritterPing> pings)
    {
        var totals = new Dictionary<string, RouteUsage>(StringComparer.Ordinal);
        var totalsLock = new object();

        Parallel.For(0, pings.Count,
            () => new Dictionary<string, RouteUsage>(StringComparer.Ordinal),
            (i, _, local) =>
            {
                var ping = pings[i];
                if (!local.TryGetValue(ping.RouteId, out var usage))
                {
                    usage = new RouteUsage();
                    local[ping.RouteId] = usage;
                }

                usage.SaltKg += ping.SpreadKgPerKm * ping.KmSincePrevious;
                usage.Kilometres += ping.KmSincePrevious;
                usage.Pings++;
                return local;
            },
            local =>
            {
                lock (totalsLock)
                {
                    foreach (var (route, usage) in local)
                    {
                        if (!totals.TryGetValue(route, out var total))
                        {
                            totals[route] = usage;
                            continue;
                        }

                        total.SaltKg += usage.SaltKg;
                        total.Kilometres += usage.Kilometres;
                        total.Pings += usage.Pings;
                    }
                }
            });

        return totals;
    }

    /// <summary>Counts pings per vehicle, using one tally per worker thread.</summary>
    public static IReadOnlyDictionary<string, int> PingsPerVehicle(IReadOnlyList<GritterPing> pings)
    {
        using var perThread = new ThreadLocal<Dictionary<string, int>>(
            () => new Dictionary<string, int>(StringComparer.Ordinal), trackAllValues: true);

        Parallel.ForEach(pings, ping =>
        {
            var tally = perThread.Value!;
            tally[ping.VehicleId] = tally.GetValueOrDefault(ping.VehicleId) + 1;
        });

        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tally in perThread.Values)
        {
            foreach (var (vehicle, count) in tally)
            {
                merged[vehicle] = merged.GetValueOrDefault(vehicle) + count;
            }
        }

        return merged;
    }
}
