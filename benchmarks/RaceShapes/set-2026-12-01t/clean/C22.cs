namespace CropDusting.Billing;

public sealed record SortieRecord(string TailNumber, string FarmId, double Hectares, double LitresApplied, TimeSpan FlightTime);

public sealed record FarmInvoice(string FarmId, double Hectares, decimal Amount);

public interface ISortieSource
{
    Task<IReadOnlyList<SortieRecord>> LoadAsync(string aircraftTail, DateOnly month, CancellationToken ct);
}

/// <summary>
/// Produces monthly invoices for each farm from every aircraft's sortie logs.
/// </summary>
public sealed class MonthlyInvoiceRun
{
    private readonly ISortieSource _source;
    private readonly decimal _ratePerHectare;
    private readonly decimal _ratePerFlightHour;

    public MonthlyInvoiceRun(ISortieSource source, decimal ratePerHectare, decimal ratePerFlightHour)
    {
        _source = source;
        _ratePerHectare = ratePerHectare;
        _ratePerFlightHour = ratePerFlightHour;
    }

    public async Task<IReadOnlyList<FarmInvoice>> RunAsync(IEnumerable<string> fleet, DateOnly month, CancellationToken ct)
    {
        var perAircraft = await Task.WhenAll(fleet.Select(async tail =>
        {
            var sorties = await _source.LoadAsync(tail, month, ct).ConfigureAwait(false);
            return sorties.Where(s => s.Hectares > 0).ToList();
        }));

        return perAircraft
            .SelectMany(list => list)
            .GroupBy(s => s.FarmId)
            .Select(g => new FarmInvoice(
                g.Key,
                g.Sum(s => s.Hectares),
                Math.Round(
                    (decimal)g.Sum(s => s.Hectares) * _ratePerHectare
                    + (decimal)g.Sum(s => s.FlightTime.TotalHours) * _ratePerFlightHour, 2)))
            .OrderBy(i => i.FarmId)
            .ToList();
    }
}

/// <summary>
/// Reads sortie logs from the hangar file share.
/// </summary>
public sealed class FileShareSortieSource : ISortieSource
{
    private readonly string _root;

    public FileShareSortieSource(string root) => _root = root;

    public async Task<IReadOnlyList<SortieRecord>> LoadAsync(string aircraftTail, DateOnly month, CancellationToken ct)
    {
        var path = Path.Combine(_root, aircraftTail, $"{month:yyyy-MM}.csv");
        if (!File.Exists(path))
        {
            return Array.Empty<SortieRecord>();
        }

        var lines = await File.ReadAllLinesAsync(path, ct).ConfigureAwait(false);
        var records = new List<SortieRecord>(lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var p = line.Split(',');
            records.Add(new SortieRecord(
                aircraftTail,
                p[0],
                double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture),
                TimeSpan.FromMinutes(double.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture))));
        }
        return records;
    }
}
