namespace Blind22.Shipping.Stability;

public sealed record TankSounding(string Tank, double VolumeM3, double Density, double Lcg, double Vcg);

public sealed record LoadingMoments(double Tonnes, double LongitudinalMoment, double VerticalMoment)
{
    public static readonly LoadingMoments Zero = new(0, 0, 0);

    public LoadingMoments Add(LoadingMoments other)
        => new(Tonnes + other.Tonnes, LongitudinalMoment + other.LongitudinalMoment, VerticalMoment + other.VerticalMoment);
}

/// <summary>
/// Sums tank masses and moments for the stability check. Each worker keeps its own
/// partial sum and merges it once when it finishes.
/// </summary>
public static class BallastMomentSummer
{
    public static LoadingMoments Sum(IReadOnlyList<TankSounding> soundings)
    {
        var total = LoadingMoments.Zero;
        var merge = new object();

        Parallel.For(
            0,
            soundings.Count,
            () => LoadingMoments.Zero,
            (i, _, partial) =>
            {
                var s = soundings[i];
                var tonnes = s.VolumeM3 * s.Density;
                return partial.Add(new LoadingMoments(tonnes, tonnes * s.Lcg, tonnes * s.Vcg));
            },
            partial =>
            {
                lock (merge)
                {
                    total = total.Add(partial);
                }
            });

        return total;
    }

    public static (double Lcg, double Vcg) CentreOfGravity(LoadingMoments m)
        => m.Tonnes <= 0 ? (0, 0) : (m.LongitudinalMoment / m.Tonnes, m.VerticalMoment / m.Tonnes);
}

/// <summary>
/// Runs the stability check each time the ballast officer submits new soundings.
/// </summary>
public sealed class StabilityCheck
{
    private readonly double _maxVcgMetres;

    public StabilityCheck(double maxVcgMetres) => _maxVcgMetres = maxVcgMetres;

    public (bool Acceptable, double Vcg) Evaluate(IReadOnlyList<TankSounding> soundings)
    {
        var moments = BallastMomentSummer.Sum(soundings);
        var (_, vcg) = BallastMomentSummer.CentreOfGravity(moments);
        return (vcg <= _maxVcgMetres, vcg);
    }
}
