namespace Blind50.StampAuctions.Proxies;

public interface IProxyBidAudit
{
    Task RecordAsync(string lotNumber, string bidder, decimal amount, CancellationToken cancellationToken);
}

public sealed record ProxyBidOutcome(bool Leading, decimal CurrentPrice, string? Leader);

/// <summary>
/// Proxy (absentee) bidding for one stamp lot. Bidders submit their maximum and the book keeps
/// the current price at one increment above the second-highest maximum. One instance per lot;
/// <see cref="SubmitMaximumAsync"/> is called concurrently by bidders' requests.
/// </summary>
public sealed class ProxyBidBook : IDisposable
{
    private readonly SemaphoreSlim _bookLock = new(1, 1);
    private readonly IProxyBidAudit _audit;
    private readonly string _lotNumber;
    private readonly decimal _increment;
    private decimal _currentPrice;
    private decimal _leaderMaximum;
    private string? _leader;

    public ProxyBidBook(string lotNumber, decimal openingPrice, decimal increment, IProxyBidAudit audit)
    {
        _lotNumber = lotNumber;
        _currentPrice = openingPrice;
        _increment = increment;
        _audit = audit;
    }

    public async Task<ProxyBidOutcome> SubmitMaximumAsync(string bidder, decimal maximum, CancellationToken cancellationToken)
    {
        await _bookLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (maximum < _currentPrice + _increment && bidder != _leader)
            {
                return new ProxyBidOutcome(false, _currentPrice, _leader);
            }

            decimal newPrice;
            string? newLeader;
            decimal newLeaderMaximum;
            if (bidder == _leader)
            {
                newPrice = _currentPrice;
                newLeader = bidder;
                newLeaderMaximum = Math.Max(maximum, _leaderMaximum);
            }
            else if (maximum > _leaderMaximum)
            {
                newPrice = Math.Min(maximum, _leaderMaximum + _increment);
                newLeader = bidder;
                newLeaderMaximum = maximum;
            }
            else
            {
                newPrice = Math.Min(_leaderMaximum, maximum + _increment);
                newLeader = _leader;
                newLeaderMaximum = _leaderMaximum;
            }

            // The audit entry has to exist before the new price is visible to anyone.
            await _audit.RecordAsync(_lotNumber, bidder, maximum, cancellationToken).ConfigureAwait(false);

            _currentPrice = newPrice;
            _leader = newLeader;
            _leaderMaximum = newLeaderMaximum;
            return new ProxyBidOutcome(newLeader == bidder, newPrice, newLeader);
        }
        finally
        {
            _bookLock.Release();
        }
    }

    public async Task<(decimal Price, string? Leader)> GetStandingAsync(CancellationToken cancellationToken)
    {
        await _bookLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (_currentPrice, _leader);
        }
        finally
        {
            _bookLock.Release();
        }
    }

    public void Dispose() => _bookLock.Dispose();
}
