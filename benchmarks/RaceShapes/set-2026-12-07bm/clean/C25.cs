using System.Collections.Concurrent;
using System.Text;

namespace Blind65.Thatching.Estimates;

/// <summary>
/// Reusable scratch space for building a roof estimate.
/// </summary>
public sealed class EstimateWorksheet
{
    public StringBuilder Text { get; } = new(1024);
    public List<(string Item, decimal Amount)> Lines { get; } = new();

    public void Reset()
    {
        Text.Clear();
        Lines.Clear();
    }
}

/// <summary>
/// Small pool of worksheets so the quoting endpoint doesn't allocate a fresh
/// builder for every request.
/// </summary>
public sealed class WorksheetPool
{
    private readonly ConcurrentBag<EstimateWorksheet> _free = new();
    private readonly int _maxRetained;
    private int _retained;

    public WorksheetPool(int maxRetained) => _maxRetained = maxRetained;

    public EstimateWorksheet Rent()
    {
        if (_free.TryTake(out var sheet))
        {
            Interlocked.Decrement(ref _retained);
            return sheet;
        }
        return new EstimateWorksheet();
    }

    public void Return(EstimateWorksheet sheet)
    {
        sheet.Reset();
        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _free.Add(sheet);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}

public sealed class RoofEstimator
{
    private readonly WorksheetPool _pool;
    private readonly decimal _reedPerSquareMetre;

    public RoofEstimator(WorksheetPool pool, decimal reedPerSquareMetre)
    {
        _pool = pool;
        _reedPerSquareMetre = reedPerSquareMetre;
    }

    public string Estimate(string property, double roofAreaSquareMetres, bool newRidge)
    {
        var sheet = _pool.Rent();
        try
        {
            sheet.Lines.Add(("Water reed", _reedPerSquareMetre * (decimal)roofAreaSquareMetres));
            sheet.Lines.Add(("Labour", 85m * (decimal)Math.Ceiling(roofAreaSquareMetres / 4)));
            if (newRidge)
            {
                sheet.Lines.Add(("Block-cut sedge ridge", 1450m));
            }

            sheet.Text.AppendLine($"Estimate for {property}");
            decimal total = 0;
            foreach (var (item, amount) in sheet.Lines)
            {
                sheet.Text.AppendLine($"  {item,-24}{amount,10:C}");
                total += amount;
            }
            sheet.Text.AppendLine($"  {"Total",-24}{total,10:C}");
            return sheet.Text.ToString();
        }
        finally
        {
            _pool.Return(sheet);
        }
    }
}
