namespace Blind56.Opticians.Lensmeter;

public readonly record struct RawLensReading(string DeviceId, double Sphere, double Cylinder, double Axis);

public readonly record struct LensPrescription(double Sphere, double Cylinder, double Axis);

public sealed record CalibrationProfile(DateTimeOffset MeasuredAt, double[] Coefficients);

public interface ICalibrationStore
{
    Task<CalibrationProfile?> LoadLatestAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Applies the branch's lensmeter calibration to raw readings. The device listeners
/// (one per connected lensmeter) call Correct for every reading; a background loop
/// picks up new calibration profiles uploaded by the technician.
/// </summary>
public sealed class LensmeterCalibration
{
    // sphere offset, sphere gain, cylinder gain, axis offset
    private readonly double[] _coefficients = { 0.0, 1.0, 1.0, 0.0 };
    private DateTimeOffset _measuredAt = DateTimeOffset.MinValue;

    public LensPrescription Correct(RawLensReading raw)
    {
        double sphere = _coefficients[0] + _coefficients[1] * raw.Sphere;
        double cylinder = _coefficients[2] * raw.Cylinder;
        double axis = (raw.Axis + _coefficients[3]) % 180.0;
        if (axis < 0)
        {
            axis += 180.0;
        }

        return new LensPrescription(RoundToQuarter(sphere), RoundToQuarter(cylinder), Math.Round(axis));
    }

    /// <summary>Called only from the reload loop.</summary>
    internal bool Apply(CalibrationProfile profile)
    {
        if (profile.Coefficients.Length != _coefficients.Length || profile.MeasuredAt <= _measuredAt)
        {
            return false;
        }

        profile.Coefficients.CopyTo(_coefficients, 0);
        _measuredAt = profile.MeasuredAt;
        return true;
    }

    private static double RoundToQuarter(double value) => Math.Round(value * 4.0) / 4.0;
}

public sealed class CalibrationReloader
{
    private readonly LensmeterCalibration _calibration;
    private readonly ICalibrationStore _store;

    public CalibrationReloader(LensmeterCalibration calibration, ICalibrationStore store)
    {
        _calibration = calibration;
        _store = store;
    }

    public int ProfilesApplied { get; private set; }

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var profile = await _store.LoadLatestAsync(cancellationToken).ConfigureAwait(false);
            if (profile is not null && _calibration.Apply(profile))
            {
                ProfilesApplied++;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>Listens to one lensmeter's serial feed.</summary>
public sealed class LensmeterListener
{
    private readonly LensmeterCalibration _calibration;

    public LensmeterListener(LensmeterCalibration calibration) => _calibration = calibration;

    public Task ListenAsync(IAsyncEnumerable<RawLensReading> readings, Action<LensPrescription> onReading, CancellationToken ct) =>
        Task.Run(async () =>
        {
            await foreach (var raw in readings.WithCancellation(ct))
            {
                onReading(_calibration.Correct(raw));
            }
        }, ct);
}
