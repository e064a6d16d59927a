namespace Blind22.Shipping.Hydrostatics;

public sealed record HydrostaticRow(double DraughtMetres, double DisplacementTonnes, double TpcTonnes, double MctcTonneMetres);

public interface IStabilityBookletSource
{
    IReadOnlyList<HydrostaticRow> ReadHydrostaticTable(string imoNumber);
}

/// <summary>
/// Hydrostatic tables from the ship's approved stability booklet. Loaded the first time
/// any ballast or cargo calculation needs it; shared by all calculations on board.
/// </summary>
public sealed class HydrostaticTables
{
    private readonly IStabilityBookletSource _source;
    private readonly string _imoNumber;
    private readonly object _loadLock = new();
    private volatile HydrostaticRow[]? _rows;

    public HydrostaticTables(IStabilityBookletSource source, string imoNumber)
    {
        _source = source;
        _imoNumber = imoNumber;
    }

    private HydrostaticRow[] Rows
    {
        get
        {
            var rows = _rows;
            if (rows is not null)
            {
                return rows;
            }
            lock (_loadLock)
            {
                rows = _rows;
                if (rows is null)
                {
                    rows = _source.ReadHydrostaticTable(_imoNumber).OrderBy(r => r.DraughtMetres).ToArray();
                    _rows = rows;
                }
                return rows;
            }
        }
    }

    public double DraughtForDisplacement(double displacementTonnes)
    {
        var rows = Rows;
        for (var i = 1; i < rows.Length; i++)
        {
            if (rows[i].DisplacementTonnes >= displacementTonnes)
            {
                var lo = rows[i - 1];
                var hi = rows[i];
                var f = (displacementTonnes - lo.DisplacementTonnes) / (hi.DisplacementTonnes - lo.DisplacementTonnes);
                return lo.DraughtMetres + f * (hi.DraughtMetres - lo.DraughtMetres);
            }
        }
        return rows.Length == 0 ? 0 : rows[^1].DraughtMetres;
    }

    public double TonnesPerCentimetre(double draughtMetres)
    {
        var rows = Rows;
        var nearest = rows.MinBy(r => Math.Abs(r.DraughtMetres - draughtMetres));
        return nearest?.TpcTonnes ?? 0;
    }
}

public static class BallastExchangePlanner
{
    public static IReadOnlyList<double> DraughtsAfterEachStep(HydrostaticTables tables, double lightship, IReadOnlyList<double> stepTonnes)
        => stepTonnes
            .Select((_, i) => lightship + stepTonnes.Take(i + 1).Sum())
            .AsParallel()
            .AsOrdered()
            .Select(tables.DraughtForDisplacement)
            .ToList();
}
