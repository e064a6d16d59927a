namespace WindTunnel.Balance;

/// <summary>
/// One sample from the six-component strain-gauge balance.
/// </summary>
public readonly record struct BalanceSample(double Lift, double Drag, double Side, double Roll, double Pitch, double Yaw);

public sealed record BalanceSummary(double MeanLift, double MeanDrag, double PeakLift, double LiftToDrag);

public static class BalanceReduction
{
    /// <summary>
    /// Reduces a sweep of balance samples. The samples for a long run can number in
    /// the millions, so the reduction runs in parallel partitions.
    /// </summary>
    public static BalanceSummary Reduce(BalanceSample[] samples)
    {
        if (samples.Length == 0)
            throw new ArgumentException("No samples.", nameof(samples));

        var merge = new object();
        double liftSum = 0, dragSum = 0, peakLift = double.MinValue;

        Parallel.For(
            0,
            samples.Length,
            () => (Lift: 0.0, Drag: 0.0, Peak: double.MinValue),
            (i, _, local) =>
            {
                var s = samples[i];
                local.Lift += s.Lift;
                local.Drag += s.Drag;
                if (s.Lift > local.Peak)
                    local.Peak = s.Lift;
                return local;
            },
            local =>
            {
                lock (merge)
                {
                    liftSum += local.Lift;
                    dragSum += local.Drag;
                    if (local.Peak > peakLift)
                        peakLift = local.Peak;
                }
            });

        double meanLift = liftSum / samples.Length;
        double meanDrag = dragSum / samples.Length;
        return new BalanceSummary(meanLift, meanDrag, peakLift, meanDrag == 0 ? 0 : meanLift / meanDrag);
    }

    /// <summary>Applies the tare recorded with the tunnel off.</summary>
    public static BalanceSample[] Tare(BalanceSample[] raw, BalanceSample tare)
    {
        var result = new BalanceSample[raw.Length];
        Parallel.For(0, raw.Length, i =>
        {
            var s = raw[i];
            result[i] = new BalanceSample(s.Lift - tare.Lift, s.Drag - tare.Drag, s.Side - tare.Side,
                s.Roll - tare.Roll, s.Pitch - tare.Pitch, s.Yaw - tare.Yaw);
        });
        return result;
    }
}
