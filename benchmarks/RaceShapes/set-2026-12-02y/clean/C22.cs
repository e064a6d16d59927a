namespace Sundials.Calibration;

/// <summary>Immutable calibration for one sundial, computed from the latest survey.</summary>
public sealed class DialCalibration
{
    public DialCalibration(double longitudeDegrees, double standardMeridianDegrees, double gnomonErrorMinutes, DateTime computedAt)
    {
        LongitudeDegrees = longitudeDegrees;
        StandardMeridianDegrees = standardMeridianDegrees;
        GnomonErrorMinutes = gnomonErrorMinutes;
        ComputedAt = computedAt;
    }

    public double LongitudeDegrees { get; }
    public double StandardMeridianDegrees { get; }
    public double GnomonErrorMinutes { get; }
    public DateTime ComputedAt { get; }

    public double LongitudeCorrectionMinutes => (StandardMeridianDegrees - LongitudeDegrees) * 4.0;
}

/// <summary>
/// Converts sundial readings to clock time for the garden's visitor app. A
/// System.Timers.Timer refreshes the calibration from the survey store; visitor
/// requests read it concurrently.
/// </summary>
public sealed class SundialClock : IDisposable
{
    private readonly System.Timers.Timer _refresh;
    private readonly Func<(double Lon, double Meridian, double Gnomon)> _survey;
    private DialCalibration _calibration;

    public SundialClock(Func<(double Lon, double Meridian, double Gnomon)> survey, TimeSpan refreshEvery)
    {
        _survey = survey;
        _calibration = Compute();
        _refresh = new System.Timers.Timer(refreshEvery.TotalMilliseconds) { AutoReset = true };
        _refresh.Elapsed += (_, _) => Volatile.Write(ref _calibration, Compute());
        _refresh.Start();
    }

    public DialCalibration Current => Volatile.Read(ref _calibration);

    private DialCalibration Compute()
    {
        var (lon, meridian, gnomon) = _survey();
        return new DialCalibration(lon, meridian, gnomon, DateTime.UtcNow);
    }

    public TimeOnly ToClockTime(TimeOnly apparentSolar, DateOnly date)
    {
        var cal = Volatile.Read(ref _calibration);
        double minutes = EquationOfTimeMinutes(date) * -1
            + cal.LongitudeCorrectionMinutes
            + cal.GnomonErrorMinutes;
        return apparentSolar.Add(TimeSpan.FromMinutes(minutes));
    }

    private static double EquationOfTimeMinutes(DateOnly date)
    {
        double b = 2 * Math.PI * (date.DayOfYear - 81) / 364.0;
        return 9.87 * Math.Sin(2 * b) - 7.53 * Math.Cos(b) - 1.5 * Math.Sin(b);
    }

    public void Dispose() => _refresh.Dispose();
}
