using System.Globalization;

namespace Blind54.BikeCoop.Settings;

/// <summary>
/// Workshop settings (labour rate, parts markup, bikes per volunteer) read from
/// <c>workshop.ini</c>. The file is watched and reloaded whenever the coordinator edits it;
/// booking and quote requests read the settings on every call.
/// </summary>
public sealed class WorkshopSettings : IDisposable
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileSystemWatcher _watcher;
    private readonly string _path;

    public WorkshopSettings(string path)
    {
        _path = path;
        Load();
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, _) => Load();
        _watcher.EnableRaisingEvents = true;
    }

    public decimal LabourRatePerHour => decimal.Parse(Get("LabourRate", "12.50"), CultureInfo.InvariantCulture);

    public decimal PartsMarkup => decimal.Parse(Get("PartsMarkup", "0.10"), CultureInfo.InvariantCulture);

    public int MaxBikesPerVolunteer => int.Parse(Get("MaxBikes", "3"), CultureInfo.InvariantCulture);

    private string Get(string key, string fallback) =>
        _values.TryGetValue(key, out var value) ? value : fallback;

    private void Load()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(_path);
        }
        catch (IOException)
        {
            return;
        }

        _values.Clear();
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=');
            if (eq > 0 && !line.StartsWith('#'))
            {
                _values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }
    }

    public void Dispose() => _watcher.Dispose();
}

/// <summary>Prices a repair job for the front desk.</summary>
public sealed class RepairQuoteService
{
    private readonly WorkshopSettings _settings;

    public RepairQuoteService(WorkshopSettings settings) => _settings = settings;

    public decimal Quote(decimal hours, decimal partsCost) =>
        hours * _settings.LabourRatePerHour + partsCost * (1 + _settings.PartsMarkup);
}
