namespace Blind38.OrganBuilding.WindSupply;

public readonly record struct PipeDemand(string Stop, int Note, double FootHoleMm, double PressureMmWc);

/// <summary>
/// Estimates wind consumption for each windchest when every stop is drawn, so the
/// workshop can size the reservoirs and the blower. Pipes are processed in parallel with
/// per-worker subtotals that are merged at the end.
/// </summary>
public static class WindDemandEstimator
{
    private const double DischargeCoefficient = 0.6;
    private const double AirDensity = 1.2;

    public static IReadOnlyDictionary<string, double> LitresPerSecondByStop(IEnumerable<PipeDemand> pipes)
    {
        var totals = new Dictionary<string, double>();
        var mergeLock = new object();

        Parallel.ForEach(
            pipes,
            () => new Dictionary<string, double>(),
            (pipe, _, local) =>
            {
                local[pipe.Stop] = local.GetValueOrDefault(pipe.Stop) + FlowLitresPerSecond(pipe);
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    foreach (var (stop, flow) in local)
                    {
                        totals[stop] = totals.GetValueOrDefault(stop) + flow;
                    }
                }
            });

        return totals;
    }

    public static long TotalPipes(IReadOnlyList<PipeDemand> pipes, Func<PipeDemand, bool> sounding)
    {
        long count = 0;
        Parallel.For(
            0,
            pipes.Count,
            () => 0L,
            (i, _, local) => sounding(pipes[i]) ? local + 1 : local,
            local => Interlocked.Add(ref count, local));
        return Interlocked.Read(ref count);
    }

    public static double BlowerSizeM3PerMinute(IReadOnlyDictionary<string, double> byStop, double headroom = 1.25) =>
        byStop.Values.Sum() * 60.0 / 1000.0 * headroom;

    private static double FlowLitresPerSecond(PipeDemand pipe)
    {
        // Orifice flow through the foot hole: Q = Cd * A * sqrt(2 * dP / rho).
        var radiusM = pipe.FootHoleMm / 2000.0;
        var area = Math.PI * radiusM * radiusM;
        var pressurePa = pipe.PressureMmWc * 9.80665;
        var cubicMetresPerSecond = DischargeCoefficient * area * Math.Sqrt(2 * pressurePa / AirDensity);
        return cubicMetresPerSecond * 1000.0;
    }
}
