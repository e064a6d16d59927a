namespace CropDusting.FlightLogs;

public sealed record SprayPass(int Pass, double StartLat, double StartLon, double LitresApplied);

public sealed record FlightLog(string TailNumber, DateOnly Date, string Field, IReadOnlyList<SprayPass> Passes)
{
    public double TotalLitres => Passes.Sum(p => p.LitresApplied);
}

public interface IFlightLogSource
{
    Task<string> DownloadAsync(string logFileName, CancellationToken ct);
}

/// <summary>
/// Imports the GPS spray logs uploaded after each sortie.
/// </summary>
public sealed class FlightLogImporter
{
    private readonly IFlightLogSource _source;
    private readonly List<FlightLog> _imported = new();

    public FlightLogImporter(IFlightLogSource source) => _source = source;

    public async Task<IReadOnlyList<FlightLog>> ImportAsync(IEnumerable<string> fileNames, CancellationToken ct)
    {
        _imported.Clear();

        await Task.WhenAll(fileNames.Select(async name =>
        {
            var text = await _source.DownloadAsync(name, ct).ConfigureAwait(false);
            var log = Parse(text);
            if (log.Passes.Count > 0)
            {
                _imported.Add(log);
            }
        }));

        return _imported.OrderBy(l => l.Date).ThenBy(l => l.TailNumber).ToList();
    }

    private static FlightLog Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var passes = new List<SprayPass>();
        foreach (var line in lines.Skip(1))
        {
            var p = line.Split(',');
            passes.Add(new SprayPass(
                int.Parse(p[0]),
                double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture)));
        }
        return new FlightLog(header[0], DateOnly.Parse(header[1]), header[2], passes);
    }
}
