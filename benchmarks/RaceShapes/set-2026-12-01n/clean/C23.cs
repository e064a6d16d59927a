using System.Collections.Concurrent;

namespace TaxReturns.Validation;

public sealed record TaxReturn(string Utr, int Year, decimal Income, decimal Expenses, decimal TaxPaid, string? PostCode);

public sealed record ValidationFinding(string Utr, IReadOnlyList<string> Problems);

/// <summary>
/// Scratch space used by the validation rules while checking one return.
/// </summary>
internal sealed class RuleContext
{
    public List<string> Problems { get; } = new();
    public TaxReturn? Current { get; private set; }

    public void Reset(TaxReturn taxReturn)
    {
        Current = taxReturn;
        Problems.Clear();
    }
}

/// <summary>
/// Runs the self-assessment validation rules over a batch of returns submitted overnight.
/// </summary>
public sealed class ReturnBatchValidator : IDisposable
{
    private readonly ThreadLocal<RuleContext> _context = new(() => new RuleContext());

    public IReadOnlyList<ValidationFinding> Validate(IEnumerable<TaxReturn> returns)
    {
        var findings = new ConcurrentBag<ValidationFinding>();

        Parallel.ForEach(returns, taxReturn =>
        {
            var ctx = _context.Value!;
            ctx.Reset(taxReturn);

            CheckIncome(ctx);
            CheckExpenses(ctx);
            CheckPostCode(ctx);

            if (ctx.Problems.Count > 0)
            {
                findings.Add(new ValidationFinding(taxReturn.Utr, ctx.Problems.ToArray()));
            }
        });

        return findings.OrderBy(f => f.Utr, StringComparer.Ordinal).ToList();
    }

    private static void CheckIncome(RuleContext ctx)
    {
        var r = ctx.Current!;
        if (r.Income < 0)
        {
            ctx.Problems.Add("income cannot be negative");
        }
        if (r.TaxPaid > r.Income)
        {
            ctx.Problems.Add("tax paid exceeds declared income");
        }
    }

    private static void CheckExpenses(RuleContext ctx)
    {
        var r = ctx.Current!;
        if (r.Expenses > r.Income * 0.9m && r.Income > 0)
        {
            ctx.Problems.Add("allowable expenses above 90% of income need supporting evidence");
        }
    }

    private static void CheckPostCode(RuleContext ctx)
    {
        var pc = ctx.Current!.PostCode;
        if (string.IsNullOrWhiteSpace(pc) || pc.Length < 5 || !pc.Contains(' '))
        {
            ctx.Problems.Add("postcode missing or badly formatted");
        }
    }

    public void Dispose() => _context.Dispose();
}
