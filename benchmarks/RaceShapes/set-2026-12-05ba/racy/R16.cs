using System.Globalization;

namespace Blind53.LighthouseFogSignals.Calibration;

/// <summary>
/// Horn gain per visibility band, loaded from the calibration sheet produced at commissioning.
/// </summary>
public sealed class FogHornCalibration
{
    private readonly SortedDictionary<int, double> _gainByVisibility = new();

    public void Load(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(',');
            int visibilityMetres = int.Parse(parts[0], CultureInfo.InvariantCulture);
            double gain = double.Parse(parts[1], CultureInfo.InvariantCulture);
            _gainByVisibility[visibilityMetres] = gain;
        }
    }

    public double GainFor(int visibilityMetres)
    {
        foreach (var band in _gainByVisibility)
        {
            if (visibilityMetres <= band.Key)
            {
                return band.Value;
            }
        }

        return 0.0;
    }
}

/// <summary>
/// Supplies the calibration table to the horn controllers. One provider per station,
/// used by the visibility-sensor callback and the manual test button.
/// </summary>
public sealed class CalibrationProvider
{
    private readonly object _lock = new();
    private readonly string _path;
    private FogHornCalibration? _calibration;

    public CalibrationProvider(string path)
    {
        _path = path;
    }

    public FogHornCalibration Current
    {
        get
        {
            if (_calibration == null)
            {
                lock (_lock)
                {
                    if (_calibration == null)
                    {
                        _calibration = new FogHornCalibration();
                        _calibration.Load(File.ReadLines(_path));
                    }
                }
            }

            return _calibration;
        }
    }
}

public sealed class HornController
{
    private readonly CalibrationProvider _calibration;
    private readonly Action<double> _setGain;

    public HornController(CalibrationProvider calibration, Action<double> setGain)
    {
        _calibration = calibration;
        _setGain = setGain;
    }

    public void OnVisibilityChanged(int visibilityMetres)
    {
        _setGain(_calibration.Current.GainFor(visibilityMetres));
    }

    public Task TestSoundAsync()
    {
        return Task.Run(() => _setGain(_calibration.Current.GainFor(200)));
    }
}
