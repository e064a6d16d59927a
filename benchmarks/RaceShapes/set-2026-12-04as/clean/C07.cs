namespace Blind45.Taxidermy.Loans;

public sealed record LoanAgreement(string AgreementId, string Borrower, IReadOnlyList<string> Accessions, DateOnly Until);

public interface ILoanRepository
{
    LoanAgreement? Load(string agreementId);
}

/// <summary>
/// Cache of outgoing loan agreements for mounted specimens. The registrar's screens and the
/// gallery label printer look agreements up from many request threads; renewals replace
/// entries. Registered as a singleton.
/// </summary>
public sealed class LoanAgreementCache : IDisposable
{
    private readonly ILoanRepository _repository;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, LoanAgreement> _byId = new(StringComparer.Ordinal);
    private long _misses;

    public LoanAgreementCache(ILoanRepository repository)
    {
        _repository = repository;
    }

    public long Misses => Interlocked.Read(ref _misses);

    public LoanAgreement? Get(string agreementId)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_byId.TryGetValue(agreementId, out var cached))
            {
                return cached;
            }

            Interlocked.Increment(ref _misses);
            var loaded = _repository.Load(agreementId);
            if (loaded is null)
            {
                return null;
            }

            _lock.EnterWriteLock();
            try
            {
                _byId[agreementId] = loaded;
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            return loaded;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public IReadOnlyList<LoanAgreement> DueBefore(DateOnly date)
    {
        _lock.EnterReadLock();
        try
        {
            return _byId.Values.Where(a => a.Until < date).OrderBy(a => a.Until).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Renew(string agreementId, DateOnly until)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_byId.TryGetValue(agreementId, out var existing))
            {
                _byId[agreementId] = existing with { Until = until };
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
