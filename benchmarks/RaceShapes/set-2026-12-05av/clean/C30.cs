namespace Blind48.OysterFarm.WaterQuality;

public sealed class SalinityModel
{
    private readonly double[] _coefficients;

    public SalinityModel(double[] coefficients) => _coefficients = coefficients;

    public double Predict(double rainfallMm, double tideMeters, double riverFlow) =>
        _coefficients[0] + _coefficients[1] * rainfallMm + _coefficients[2] * tideMeters + _coefficients[3] * riverFlow;
}

/// <summary>
/// Decides whether the growing area is open for harvest. Registered as a
/// singleton and called by the harvest planner and the shellfish authority
/// reporting endpoint. The salinity model is loaded on first use.
/// </summary>
public sealed class HarvestClosureAdvisor
{
    private static readonly Lazy<IReadOnlyDictionary<string, double>> s_closureThresholds = new(
        () => new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            ["rainfall24hMm"] = 25.0,
            ["salinityPsuMin"] = 10.0,
            ["vibrioIndexMax"] = 3.0,
        },
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Func<double[]> _loadCoefficients;
    private SalinityModel? _model;
    private object? _modelLock;
    private bool _modelLoaded;

    public HarvestClosureAdvisor(Func<double[]> loadCoefficients) => _loadCoefficients = loadCoefficients;

    private SalinityModel Model =>
        LazyInitializer.EnsureInitialized(ref _model, ref _modelLoaded, ref _modelLock, () => new SalinityModel(_loadCoefficients()))!;

    public (bool Open, string Reason) Assess(double rainfall24hMm, double tideMeters, double riverFlow, double vibrioIndex)
    {
        var thresholds = s_closureThresholds.Value;

        if (rainfall24hMm > thresholds["rainfall24hMm"])
        {
            return (false, $"Rainfall {rainfall24hMm:F0} mm in 24 h");
        }

        var salinity = Model.Predict(rainfall24hMm, tideMeters, riverFlow);
        if (salinity < thresholds["salinityPsuMin"])
        {
            return (false, $"Predicted salinity {salinity:F1} PSU");
        }

        if (vibrioIndex > thresholds["vibrioIndexMax"])
        {
            return (false, $"Vibrio index {vibrioIndex:F1}");
        }

        return (true, "Within limits");
    }
}
