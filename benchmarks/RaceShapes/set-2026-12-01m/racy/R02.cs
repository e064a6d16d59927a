using System.Collections.Concurrent;

namespace Library.Circulation;

public sealed record Loan(string Isbn, DateOnly DueDate);

/// <summary>
/// Tracks the active loans of every library member. Registered as a singleton and
/// used by all circulation desk and self-checkout requests at the same time.
/// </summary>
public sealed class LoanLedger
{
    private readonly ConcurrentDictionary<string, List<Loan>> _byMember = new(StringComparer.Ordinal);
    private readonly int _maxLoansPerMember;

    public LoanLedger(int maxLoansPerMember)
    {
        _maxLoansPerMember = maxLoansPerMember;
    }

    public bool CheckOut(string memberId, string isbn, DateOnly today)
    {
        var loans = _byMember.GetOrAdd(memberId, _ => new List<Loan>());
        if (loans.Count >= _maxLoansPerMember)
        {
            return false;
        }

        loans.Add(new Loan(isbn, today.AddDays(21)));
        return true;
    }

    public bool Return(string memberId, string isbn)
    {
        if (!_byMember.TryGetValue(memberId, out var loans))
        {
            return false;
        }

        return loans.RemoveAll(l => l.Isbn == isbn) > 0;
    }

    public IReadOnlyList<Loan> Overdue(string memberId, DateOnly today)
    {
        return _byMember.TryGetValue(memberId, out var loans)
            ? loans.Where(l => l.DueDate < today).ToList()
            : Array.Empty<Loan>();
    }
}
