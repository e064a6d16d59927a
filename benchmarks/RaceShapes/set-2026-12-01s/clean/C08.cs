namespace GroundStation.Planning;

public sealed record Pass(string Satellite, DateTimeOffset Aos, DateTimeOffset Los, double MaxElevationDeg);

public interface IPassPredictor
{
    IEnumerable<Pass> Predict(DateTimeOffset from, TimeSpan window);
}

/// <summary>
/// Cached 24-hour pass schedule. Singleton used by the antenna tracking loop and the
/// status page; the TLE refresh job calls <see cref="Invalidate"/>.
/// </summary>
public sealed class PassSchedule
{
    private readonly IPassPredictor _predictor;
    private readonly double _minElevationDeg;
    private Lazy<IReadOnlyList<Pass>> _plan;

    public PassSchedule(IPassPredictor predictor, double minElevationDeg = 10)
    {
        _predictor = predictor;
        _minElevationDeg = minElevationDeg;
        _plan = CreateLazy();
    }

    private Lazy<IReadOnlyList<Pass>> CreateLazy() =>
        new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private IReadOnlyList<Pass> Load()
    {
        var passes = new List<Pass>();
        foreach (var pass in _predictor.Predict(DateTimeOffset.UtcNow, TimeSpan.FromHours(24)))
        {
            if (pass.MaxElevationDeg >= _minElevationDeg)
                passes.Add(pass);
        }
        passes.Sort((a, b) => a.Aos.CompareTo(b.Aos));
        return passes.AsReadOnly();
    }

    public IReadOnlyList<Pass> Current => Volatile.Read(ref _plan).Value;

    public Pass? NextAfter(DateTimeOffset time)
    {
        foreach (var pass in Current)
        {
            if (pass.Aos > time)
                return pass;
        }
        return null;
    }

    public void Invalidate() => Interlocked.Exchange(ref _plan, CreateLazy());
}
