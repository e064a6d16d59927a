namespace Blind30.ToyMuseum;

public sealed record Loan(string AccessionNumber, string BorrowingMuseum, DateOnly From, DateOnly Until);

/// <summary>
/// Register of objects lent to other museums. The collections team's tools and the
/// public website query it constantly; the registrar adds and ends loans. Shared by
/// the whole application.
/// </summary>
public sealed class LoanRegister : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, Loan> _activeLoans = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Loan> _history = new();

    public bool IsOnLoan(string accessionNumber)
    {
        _lock.EnterReadLock();
        try
        {
            return _activeLoans.ContainsKey(accessionNumber);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<Loan> LoansTo(string museum)
    {
        _lock.EnterReadLock();
        try
        {
            return _activeLoans.Values.Where(l => l.BorrowingMuseum == museum).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool TryLend(Loan loan)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_activeLoans.ContainsKey(loan.AccessionNumber))
            {
                return false;
            }

            _lock.EnterWriteLock();
            try
            {
                _activeLoans.Add(loan.AccessionNumber, loan);
                _history.Add(loan);
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return true;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public bool EndLoan(string accessionNumber)
    {
        _lock.EnterWriteLock();
        try
        {
            return _activeLoans.Remove(accessionNumber);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int TimesLent(string accessionNumber)
    {
        _lock.EnterReadLock();
        try
        {
            return _history.Count(l => string.Equals(l.AccessionNumber, accessionNumber, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
