namespace BloodBank.Inventory;

public sealed record BloodUnit(string UnitId, string Group, int VolumeMl, DateOnly Expires);

/// <summary>Nightly stock report for the regional blood bank.</summary>
public sealed class StockReportBuilder
{
    private readonly Func<BloodUnit, bool> _isQuarantined;

    public StockReportBuilder(Func<BloodUnit, bool> isQuarantined) => _isQuarantined = isQuarantined;

    public StockReport Build(IReadOnlyList<BloodUnit> units, DateOnly today)
    {
        long usableVolume = 0;
        var expiringSoon = 0;

        Parallel.For(0, units.Count,
            () => (Volume: 0L, Expiring: 0),
            (i, _, local) =>
            {
                var unit = units[i];
                if (_isQuarantined(unit) || unit.Expires < today)
                    return local;

                local.Volume += unit.VolumeMl;
                if (unit.Expires <= today.AddDays(3))
                    local.Expiring++;
                return local;
            },
            local =>
            {
                usableVolume += local.Volume;
                Interlocked.Add(ref expiringSoon, local.Expiring);
            });

        return new StockReport(today, usableVolume, expiringSoon);
    }
}

public sealed record StockReport(DateOnly Date, long UsableVolumeMl, int UnitsExpiringWithin3Days)
{
    public override string ToString() =>
        $"{Date:yyyy-MM-dd}: {UsableVolumeMl / 1000.0:F1} L usable, {UnitsExpiringWithin3Days} expiring soon";
}

/// <summary>Runs the nightly report for every storage site and writes it to the reports folder.</summary>
public sealed class NightlyStockJob
{
    private readonly StockReportBuilder _builder;
    private readonly Func<string, IReadOnlyList<BloodUnit>> _loadSite;

    public NightlyStockJob(StockReportBuilder builder, Func<string, IReadOnlyList<BloodUnit>> loadSite)
    {
        _builder = builder;
        _loadSite = loadSite;
    }

    public IReadOnlyDictionary<string, StockReport> Run(IEnumerable<string> sites, DateOnly today)
    {
        var reports = new Dictionary<string, StockReport>();
        foreach (var site in sites)
        {
            var units = _loadSite(site);
            reports[site] = _builder.Build(units, today);
        }
        return reports;
    }
}
