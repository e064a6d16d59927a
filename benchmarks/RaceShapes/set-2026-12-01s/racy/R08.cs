namespace GroundStation.Scheduling;

public sealed record SatellitePass(string Satellite, DateTimeOffset Aos, DateTimeOffset Los, double MaxElevationDeg);

public interface IOrbitPredictor
{
    IEnumerable<SatellitePass> Predict(DateTimeOffset from, TimeSpan window);
}

/// <summary>
/// Pass plan for the next 24 hours. Registered as a singleton; the antenna controller's
/// tracking loop and the web status page both query it, and the TLE updater calls
/// <see cref="Invalidate"/> after fresh element sets are downloaded.
/// </summary>
public sealed class PassPlanProvider
{
    private readonly IOrbitPredictor _predictor;
    private readonly double _minElevationDeg;
    private readonly object _loadLock = new();
    private List<SatellitePass>? _plan;

    public PassPlanProvider(IOrbitPredictor predictor, double minElevationDeg = 10)
    {
        _predictor = predictor;
        _minElevationDeg = minElevationDeg;
    }

    public IReadOnlyList<SatellitePass> GetPlan()
    {
        var plan = _plan;
        if (plan != null)
            return plan;

        lock (_loadLock)
        {
            if (_plan == null)
            {
                _plan = new List<SatellitePass>();
                foreach (var pass in _predictor.Predict(DateTimeOffset.UtcNow, TimeSpan.FromHours(24)))
                {
                    if (pass.MaxElevationDeg >= _minElevationDeg)
                        _plan.Add(pass);
                }
                _plan.Sort((a, b) => a.Aos.CompareTo(b.Aos));
            }
            return _plan;
        }
    }

    public SatellitePass? NextPassAfter(DateTimeOffset time)
    {
        foreach (var pass in GetPlan())
        {
            if (pass.Aos > time)
                return pass;
        }
        return null;
    }

    public void Invalidate()
    {
        lock (_loadLock)
        {
            _plan = null;
        }
    }
}
