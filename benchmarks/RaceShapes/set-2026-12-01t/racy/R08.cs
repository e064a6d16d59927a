using System.Globalization;

namespace ArtConservation.Climate;

public sealed record HumidityBand(string Material, double MinRelativeHumidity, double MaxRelativeHumidity);

/// <summary>
/// Looks up the permitted relative-humidity band for a material. Used by the
/// gallery sensor loggers, each of which runs on its own timer thread.
/// </summary>
public sealed class HumidityBandCatalog
{
    private readonly string _path;
    private readonly object _loadLock = new();
    private Dictionary<string, HumidityBand>? _bands;

    public HumidityBandCatalog(string path) => _path = path;

    public HumidityBand? GetBand(string material)
    {
        var bands = _bands;
        if (bands is null)
        {
            lock (_loadLock)
            {
                if (_bands is null)
                {
                    _bands = new Dictionary<string, HumidityBand>(StringComparer.OrdinalIgnoreCase);
                    foreach (var line in File.ReadLines(_path))
                    {
                        var parts = line.Split(';');
                        if (parts.Length != 3)
                        {
                            continue;
                        }
                        _bands[parts[0]] = new HumidityBand(
                            parts[0],
                            double.Parse(parts[1], CultureInfo.InvariantCulture),
                            double.Parse(parts[2], CultureInfo.InvariantCulture));
                    }
                }
                bands = _bands;
            }
        }

        return bands.TryGetValue(material, out var band) ? band : null;
    }
}

/// <summary>
/// Writes a humidity log entry for one display case every minute.
/// </summary>
public sealed class DisplayCaseLogger : IDisposable
{
    private readonly HumidityBandCatalog _catalog;
    private readonly string _caseId;
    private readonly string _material;
    private readonly Func<double> _readSensor;
    private readonly Timer _timer;

    public DisplayCaseLogger(HumidityBandCatalog catalog, string caseId, string material, Func<double> readSensor)
    {
        _catalog = catalog;
        _caseId = caseId;
        _material = material;
        _readSensor = readSensor;
        _timer = new Timer(_ => LogOnce(), null, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    private void LogOnce()
    {
        var rh = _readSensor();
        var band = _catalog.GetBand(_material);
        var status = band is null ? "unknown"
            : rh < band.MinRelativeHumidity ? "too dry"
            : rh > band.MaxRelativeHumidity ? "too damp"
            : "ok";
        Console.WriteLine($"{DateTime.UtcNow:O} case={_caseId} rh={rh:F1}% {status}");
    }

    public void Dispose() => _timer.Dispose();
}
