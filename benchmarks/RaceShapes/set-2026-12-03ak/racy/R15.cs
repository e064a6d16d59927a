using System.Globalization;

namespace Blind37.SwordSmithing.Tempering;

public sealed record TemperStep(string SteelGrade, int TemperatureC, int Minutes, int TargetHrc);

/// <summary>
/// Looks up the tempering schedule for a steel grade. The table is read from the forge's
/// tempering chart the first time it is needed; the forge console, the kiln controller
/// and the order pages all share one instance.
/// </summary>
public sealed class TemperingChart
{
    private readonly string _chartPath;
    private readonly object _loadLock = new();
    private volatile bool _loaded;
    private IReadOnlyDictionary<string, TemperStep> _table = new Dictionary<string, TemperStep>();

    public TemperingChart(string chartPath) => _chartPath = chartPath;

    public TemperStep ForGrade(string steelGrade)
    {
        if (!_loaded)
        {
            Load();
        }

        if (_table.TryGetValue(steelGrade, out var step))
        {
            return step;
        }

        throw new KeyNotFoundException($"No tempering schedule for steel grade '{steelGrade}'.");
    }

    public bool Knows(string steelGrade)
    {
        if (!_loaded)
        {
            Load();
        }
        return _table.ContainsKey(steelGrade);
    }

    private void Load()
    {
        lock (_loadLock)
        {
            if (_loaded)
            {
                return;
            }

            // Mark the chart loaded up front so a damaged file is not re-read on every lookup.
            _loaded = true;
            _table = ReadChart(_chartPath);
        }
    }

    private static IReadOnlyDictionary<string, TemperStep> ReadChart(string path)
    {
        var table = new Dictionary<string, TemperStep>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('\t');
            var step = new TemperStep(
                parts[0],
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                int.Parse(parts[2], CultureInfo.InvariantCulture),
                int.Parse(parts[3], CultureInfo.InvariantCulture));
            table[step.SteelGrade] = step;
        }
        return table;
    }
}

/// <summary>Programs the tempering kiln for a batch of blades.</summary>
public sealed class KilnProgrammer
{
    private readonly TemperingChart _chart;

    public KilnProgrammer(TemperingChart chart) => _chart = chart;

    public async Task<IReadOnlyList<string>> ProgramBatchAsync(IEnumerable<(string BladeId, string Grade)> blades)
    {
        var programs = await Task.WhenAll(blades.Select(b => Task.Run(() =>
        {
            var step = _chart.ForGrade(b.Grade);
            return $"{b.BladeId}: {step.TemperatureC} C for {step.Minutes} min (target {step.TargetHrc} HRC)";
        }))).ConfigureAwait(false);
        return programs;
    }
}
