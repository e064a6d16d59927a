namespace Blind47.Mosaics.Studio;

/// <summary>Running totals for one commission's tesserae usage.</summary>
public struct TesseraeTally
{
    public long Placed;
    public long Broken;
    public double GramsOfGrout;
    public DateTime LastUpdated;

    public readonly double BreakageRate => Placed + Broken == 0 ? 0 : (double)Broken / (Placed + Broken);
}

/// <summary>
/// Tracks material usage for a mosaic commission. The studio's bench tablets
/// post updates as artists work; the client-facing progress page and the
/// ordering service read the tally. One tracker per commission, shared by all of
/// them.
/// </summary>
public sealed class CommissionTracker
{
    private readonly object _gate = new();
    private TesseraeTally _tally;
    private readonly string _commissionId;

    public CommissionTracker(string commissionId)
    {
        _commissionId = commissionId;
    }

    public string CommissionId => _commissionId;

    public void RecordPlacement(int placed, int broken)
    {
        lock (_gate)
        {
            _tally.Placed += placed;
            _tally.Broken += broken;
            _tally.LastUpdated = DateTime.UtcNow;
        }
    }

    public void RecordGrouting(double grams)
    {
        lock (_gate)
        {
            _tally.GramsOfGrout += grams;
            _tally.LastUpdated = DateTime.UtcNow;
        }
    }

    /// <summary>Current totals, as shown on the progress page.</summary>
    public TesseraeTally Current => _tally;

    /// <summary>Tiles to reorder to cover the remaining area at the current breakage rate.</summary>
    public long TilesToOrder(long remainingTiles)
    {
        var tally = Current;
        var rate = tally.BreakageRate;
        return (long)Math.Ceiling(remainingTiles / (1 - Math.Min(rate, 0.9)));
    }
}

public sealed class ProgressPageModel
{
    private readonly CommissionTracker _tracker;

    public ProgressPageModel(CommissionTracker tracker) => _tracker = tracker;

    public string Headline()
    {
        var t = _tracker.Current;
        return $"{_tracker.CommissionId}: {t.Placed:N0} tesserae placed, {t.BreakageRate:P1} breakage, {t.GramsOfGrout:N0} g grout (as of {t.LastUpdated:t})";
    }
}
