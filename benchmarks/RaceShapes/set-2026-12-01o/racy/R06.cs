namespace Library.Ebooks.Licensing;

public sealed record LoanGrant(string TitleId, string PatronId, DateTimeOffset ExpiresAt);

/// <summary>
/// Tracks how many concurrent-use licences the library holds per e-book title.
/// Registered as an application-wide singleton and called from the lending API.
/// </summary>
public sealed class LicencePool
{
    private readonly object _checkoutLock = new();
    private readonly object _returnLock = new();
    private readonly Dictionary<string, int> _availableCopies = new(StringComparer.Ordinal);
    private readonly TimeSpan _loanPeriod;

    public LicencePool(IReadOnlyDictionary<string, int> purchasedCopies, TimeSpan loanPeriod)
    {
        foreach (var (titleId, copies) in purchasedCopies)
        {
            _availableCopies[titleId] = copies;
        }

        _loanPeriod = loanPeriod;
    }

    public LoanGrant? TryCheckout(string titleId, string patronId)
    {
        lock (_checkoutLock)
        {
            if (!_availableCopies.TryGetValue(titleId, out var remaining) || remaining == 0)
            {
                return null;
            }

            _availableCopies[titleId] = remaining - 1;
        }

        return new LoanGrant(titleId, patronId, DateTimeOffset.UtcNow.Add(_loanPeriod));
    }

    /// <summary>Called when a patron returns early or the loan expires.</summary>
    public void Return(string titleId)
    {
        lock (_returnLock)
        {
            var current = _availableCopies.GetValueOrDefault(titleId);
            _availableCopies[titleId] = current + 1;
        }
    }

    public int Available(string titleId)
    {
        lock (_checkoutLock)
        {
            return _availableCopies.GetValueOrDefault(titleId);
        }
    }
}

/// <summary>Minimal controller-style facade used by the lending endpoints.</summary>
public sealed class LendingEndpoints
{
    private readonly LicencePool _pool;

    public LendingEndpoints(LicencePool pool) => _pool = pool;

    public (int Status, LoanGrant? Grant) Borrow(string titleId, string patronId)
    {
        var grant = _pool.TryCheckout(titleId, patronId);
        return grant is null ? (409, null) : (200, grant);
    }

    public int GiveBack(string titleId)
    {
        _pool.Return(titleId);
        return 204;
    }
}
