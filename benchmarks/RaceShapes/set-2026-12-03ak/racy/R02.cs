namespace Blind37.PeatCutting.Allotments;

/// <summary>One bank of the turbary allotted to a cutter for the season.</summary>
public sealed record TurbaryAllotment(string BankId, string Cutter, int Rows, DateOnly AllottedOn);

/// <summary>
/// Tracks which turbary banks are allotted to which cutters for the current season.
/// Registered as a singleton; the allotment API, the release API and the nightly
/// report job all call into the same instance.
/// </summary>
public sealed class TurbaryAllotmentRegister
{
    private readonly List<TurbaryAllotment> _allotments = new();
    private readonly object _allotmentLock = new();
    private readonly int _maxRowsPerCutter;

    public TurbaryAllotmentRegister(int maxRowsPerCutter)
    {
        _maxRowsPerCutter = maxRowsPerCutter;
    }

    public bool TryAllot(string bankId, string cutter, int rows)
    {
        lock (_allotmentLock)
        {
            if (_allotments.Exists(a => a.BankId == bankId))
            {
                return false;
            }

            var alreadyHeld = 0;
            foreach (var allotment in _allotments)
            {
                if (allotment.Cutter == cutter)
                {
                    alreadyHeld += allotment.Rows;
                }
            }

            if (alreadyHeld + rows > _maxRowsPerCutter)
            {
                return false;
            }

            _allotments.Add(new TurbaryAllotment(bankId, cutter, rows, DateOnly.FromDateTime(DateTime.Today)));
            return true;
        }
    }

    public bool Release(string bankId, string cutter)
    {
        lock (_allotments)
        {
            var index = _allotments.FindIndex(a => a.BankId == bankId && a.Cutter == cutter);
            if (index < 0)
            {
                return false;
            }

            _allotments.RemoveAt(index);
            return true;
        }
    }

    public IReadOnlyList<TurbaryAllotment> ForCutter(string cutter)
    {
        lock (_allotmentLock)
        {
            return _allotments.Where(a => a.Cutter == cutter).ToArray();
        }
    }

    public IReadOnlyList<TurbaryAllotment> Snapshot()
    {
        lock (_allotmentLock)
        {
            return _allotments.ToArray();
        }
    }
}

/// <summary>Builds the nightly summary that is emailed to the turbary committee.</summary>
public sealed class NightlyAllotmentReport
{
    private readonly TurbaryAllotmentRegister _register;

    public NightlyAllotmentReport(TurbaryAllotmentRegister register) => _register = register;

    public string Build()
    {
        var rows = _register.Snapshot()
            .GroupBy(a => a.Cutter)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {g.Count()} banks, {g.Sum(a => a.Rows)} rows");
        return string.Join(Environment.NewLine, rows);
    }
}
