namespace Blind24.BambooScaffolding;

/// <summary>
/// Defect codes used on bamboo scaffolding inspection sheets, e.g. "LJ2" for a
/// loose lashing at a ledger joint. Loaded once on first use.
/// </summary>
public sealed class DefectCodeTable
{
    private readonly Dictionary<string, DefectCode> _codes = new(StringComparer.OrdinalIgnoreCase);

    internal void LoadDefaults()
    {
        var defaults = new[]
        {
            new DefectCode("LJ1", "Lashing slack at standard/ledger joint", 2),
            new DefectCode("LJ2", "Lashing broken at standard/ledger joint", 4),
            new DefectCode("PC1", "Longitudinal crack in pole, under 300 mm", 2),
            new DefectCode("PC2", "Longitudinal crack in pole, over 300 mm", 5),
            new DefectCode("BR1", "Missing diagonal brace", 4),
            new DefectCode("TB1", "Toe board missing or loose", 3),
            new DefectCode("NT1", "Catch net torn", 3),
        };

        foreach (var code in defaults)
        {
            _codes.Add(code.Code, code);
        }
    }

    public bool TryGet(string code, out DefectCode? defect) => _codes.TryGetValue(code, out defect);
}

public sealed record DefectCode(string Code, string Description, int Severity);

/// <summary>Process-wide access to the defect code table.</summary>
public static class DefectCodes
{
    private static readonly object Sync = new();
    private static volatile DefectCodeTable? _table;

    public static DefectCodeTable Table
    {
        get
        {
            var table = _table;
            if (table is not null)
            {
                return table;
            }

            lock (Sync)
            {
                if (_table is null)
                {
                    _table = new DefectCodeTable();
                    _table.LoadDefaults();
                }

                return _table;
            }
        }
    }
}

/// <summary>Scores uploaded inspection sheets; called concurrently by the upload API.</summary>
public sealed class InspectionScorer
{
    public int Score(IEnumerable<string> recordedCodes)
    {
        int total = 0;
        foreach (var raw in recordedCodes)
        {
            if (DefectCodes.Table.TryGet(raw.Trim(), out var defect) && defect is not null)
            {
                total += defect.Severity;
            }
        }

        return total;
    }

    public bool RequiresStopWork(IEnumerable<string> recordedCodes) => Score(recordedCodes) >= 8;
}
