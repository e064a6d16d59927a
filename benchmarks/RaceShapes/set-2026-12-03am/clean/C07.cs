using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind39.MuseumArchive.Loans;

public sealed record LoanRecord(string Accession, string Borrower, DateTime DueUtc);

/// <summary>
/// Which archive boxes are out on loan to researchers. Shared by the reading-room desk
/// and the public catalogue; availability checks are far more common than checkouts.
/// </summary>
public sealed class LoanRegister : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, LoanRecord> _loans = new(StringComparer.OrdinalIgnoreCase);

    public bool IsAvailable(string accession)
    {
        _lock.EnterReadLock();
        try
        {
            return !_loans.ContainsKey(accession);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool TryCheckOut(string accession, string borrower, TimeSpan period)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_loans.ContainsKey(accession))
                return false;

            _lock.EnterWriteLock();
            try
            {
                _loans.Add(accession, new LoanRecord(accession, borrower, DateTime.UtcNow + period));
                return true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public bool Return(string accession)
    {
        _lock.EnterWriteLock();
        try
        {
            return _loans.Remove(accession);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Overdue loans, for the reminder letters.</summary>
    public IReadOnlyList<LoanRecord> Overdue(DateTime nowUtc)
    {
        _lock.EnterReadLock();
        try
        {
            return _loans.Values.Where(l => l.DueUtc < nowUtc).OrderBy(l => l.DueUtc).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
