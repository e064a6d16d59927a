namespace PawnShop.Appraisals;

public sealed record ItemPhoto(string FileName, byte[] Bytes);
public sealed record AppraisalLine(string Reason, decimal Adjustment);

/// <summary>
/// Works through one appraisal for the counter clerk. The appraisal endpoint creates a new
/// worksheet for every request and discards it when the response has been written.
/// </summary>
public sealed class AppraisalWorksheet
{
    private static readonly IReadOnlyDictionary<string, decimal> ConditionFactors = new Dictionary<string, decimal>
    {
        ["mint"] = 1.00m,
        ["good"] = 0.80m,
        ["worn"] = 0.55m,
        ["damaged"] = 0.30m,
    };

    private readonly List<AppraisalLine> _lines = new();
    private decimal _baseValue;
    private decimal _running;

    public AppraisalWorksheet(string category, decimal marketValue)
    {
        Category = category;
        _baseValue = marketValue;
        _running = marketValue;
    }

    public string Category { get; }

    public void ApplyCondition(string condition)
    {
        var factor = ConditionFactors.TryGetValue(condition, out var f) ? f : 0.5m;
        var adjustment = _baseValue * factor - _baseValue;
        _lines.Add(new AppraisalLine($"condition: {condition}", adjustment));
        _running += adjustment;
    }

    public void ApplyHallmark(bool verified)
    {
        if (verified) return;
        var adjustment = -_running * 0.25m;
        _lines.Add(new AppraisalLine("hallmark not verified", adjustment));
        _running += adjustment;
    }

    public decimal LoanOffer(decimal loanToValue) => Math.Round(_running * loanToValue, 0);

    public IReadOnlyList<AppraisalLine> Lines => _lines;
}

public static class AppraisalEndpoint
{
    public static async Task<object> HandleAsync(string category, decimal marketValue, string condition, bool hallmark, Func<string, Task<decimal>> ltvLookup)
    {
        var sheet = new AppraisalWorksheet(category, marketValue);
        sheet.ApplyCondition(condition);
        sheet.ApplyHallmark(hallmark);
        var ltv = await ltvLookup(category);
        return new { Offer = sheet.LoanOffer(ltv), sheet.Lines };
    }
}
