using System.Globalization;

namespace Blind28.GlacierMonitoring.Calibration;

public sealed class CalibrationTable
{
    private readonly double[] _raw;
    private readonly double[] _corrected;

    public CalibrationTable(SortedList<double, double> points)
    {
        _raw = points.Keys.ToArray();
        _corrected = points.Values.ToArray();
    }

    public double Correct(double rawMillivolts)
    {
        if (_raw.Length == 0)
        {
            return rawMillivolts;
        }

        var index = 0;
        while (index < _raw.Length - 1 && _raw[index + 1] < rawMillivolts)
        {
            index++;
        }

        if (index == _raw.Length - 1)
        {
            return _corrected[index];
        }

        var (x0, x1) = (_raw[index], _raw[index + 1]);
        var (y0, y1) = (_corrected[index], _corrected[index + 1]);
        return y0 + (rawMillivolts - x0) * (y1 - y0) / (x1 - x0);
    }
}

/// <summary>
/// Converts raw ablation-stake and thermistor voltages to physical units. Used from the
/// telemetry decoders of every station, each running on its own thread.
/// </summary>
public static class StationCalibration
{
    private static readonly Lazy<CalibrationTable> Thermistor =
        new(() => Load("thermistor.cal"), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<CalibrationTable> StakeSensor =
        new(() => Load("stake.cal"), LazyThreadSafetyMode.ExecutionAndPublication);

    public static double IceTemperatureC(double millivolts) => Thermistor.Value.Correct(millivolts);

    public static double AblationCentimetres(double millivolts) => StakeSensor.Value.Correct(millivolts);

    private static CalibrationTable Load(string fileName)
    {
        var points = new SortedList<double, double>();
        var path = Path.Combine(AppContext.BaseDirectory, "calibration", fileName);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var parts = line.Split('\t');
                points[double.Parse(parts[0], CultureInfo.InvariantCulture)] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return new CalibrationTable(points);
    }
}

public sealed class StationDecoder
{
    public IReadOnlyList<(DateTime At, double TempC, double AblationCm)> Decode(IReadOnlyList<(DateTime At, double TempMv, double StakeMv)> frames)
    {
        return frames
            .AsParallel()
            .AsOrdered()
            .Select(f => (f.At, StationCalibration.IceTemperatureC(f.TempMv), StationCalibration.AblationCentimetres(f.StakeMv)))
            .ToList();
    }
}
