namespace Blind22.Shipping.Ballast;

public sealed record BallastTank(string Name, double CapacityCubicMetres, double LeverArmMetres, double SoundingMetres, double AreaSquareMetres);

public sealed record BallastCondition(double TotalTonnes, double TrimMomentTonneMetres, IReadOnlyList<double> TankTonnes);

/// <summary>
/// Computes the ballast condition for a loading plan from the latest tank soundings.
/// Called by the loading computer each time the pump room reports new soundings.
/// </summary>
public sealed class BallastCalculator
{
    private const double SeawaterDensity = 1.025;

    public BallastCondition Compute(IReadOnlyList<BallastTank> tanks)
    {
        var tonnes = new double[tanks.Count];
        var total = 0.0;
        var trimMoment = 0.0;
        var momentGate = new object();

        Parallel.For(0, tanks.Count, i =>
        {
            var tank = tanks[i];
            var volume = Math.Min(tank.SoundingMetres * tank.AreaSquareMetres, tank.CapacityCubicMetres);
            var mass = volume * SeawaterDensity;

            tonnes[i] = mass;
            total += mass;

            lock (momentGate)
            {
                trimMoment += mass * tank.LeverArmMetres;
            }
        });

        return new BallastCondition(total, trimMoment, tonnes);
    }

    public static string Describe(BallastCondition condition, double displacementTonnes)
    {
        var trimByStern = condition.TrimMomentTonneMetres / Math.Max(displacementTonnes, 1);
        return $"Ballast {condition.TotalTonnes:F1} t, trim lever {trimByStern:F3} m " +
               (trimByStern > 0 ? "by the stern" : "by the head");
    }
}

/// <summary>
/// Listens for new soundings and recomputes the condition for the bridge display.
/// </summary>
public sealed class PumpRoomListener
{
    private readonly BallastCalculator _calculator = new();
    private BallastCondition? _current;

    public BallastCondition? Current => Volatile.Read(ref _current);

    public void OnSoundingsReceived(IReadOnlyList<BallastTank> tanks)
    {
        var condition = _calculator.Compute(tanks);
        Volatile.Write(ref _current, condition);
    }
}
