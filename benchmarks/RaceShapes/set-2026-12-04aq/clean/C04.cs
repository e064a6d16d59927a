namespace Blind43.Transplant.Offers;

public enum OfferStatus { Pending, Accepted, Declined, Expired }

public sealed record OfferState(OfferStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>
/// An organ offer sent to a transplant centre. The centre's surgeon may accept or decline from
/// the mobile app while the offer's acceptance window runs out on a timer; only the first
/// decision counts.
/// </summary>
public sealed class OrganOffer : IDisposable
{
    private static readonly OfferState PendingState = new(OfferStatus.Pending, null, null);

    private readonly Timer _expiry;
    private readonly Action<OrganOffer, OfferState> _onDecided;
    private OfferState _state = PendingState;

    public OrganOffer(string offerId, string centre, TimeSpan window, Action<OrganOffer, OfferState> onDecided)
    {
        OfferId = offerId;
        Centre = centre;
        _onDecided = onDecided;
        _expiry = new Timer(_ => TryDecide(OfferStatus.Expired, "system"), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _expiry.Change(window, Timeout.InfiniteTimeSpan);
    }

    public string OfferId { get; }
    public string Centre { get; }

    public OfferState State => Volatile.Read(ref _state);

    public bool Accept(string surgeon) => TryDecide(OfferStatus.Accepted, surgeon);

    public bool Decline(string surgeon) => TryDecide(OfferStatus.Declined, surgeon);

    private bool TryDecide(OfferStatus status, string decidedBy)
    {
        var decided = new OfferState(status, decidedBy, DateTimeOffset.UtcNow);
        var previous = Interlocked.CompareExchange(ref _state, decided, PendingState);
        if (!ReferenceEquals(previous, PendingState))
        {
            return false;
        }

        _onDecided(this, decided);
        return true;
    }

    public void Dispose() => _expiry.Dispose();
}

/// <summary>Keeps count of offer outcomes for the duty manager's dashboard.</summary>
public sealed class OfferOutcomeCounter
{
    private int _accepted;
    private int _declined;
    private int _expired;

    public void OnDecided(OrganOffer offer, OfferState state)
    {
        switch (state.Status)
        {
            case OfferStatus.Accepted: Interlocked.Increment(ref _accepted); break;
            case OfferStatus.Declined: Interlocked.Increment(ref _declined); break;
            case OfferStatus.Expired: Interlocked.Increment(ref _expired); break;
        }
    }

    public (int Accepted, int Declined, int Expired) Read() =>
        (Volatile.Read(ref _accepted), Volatile.Read(ref _declined), Volatile.Read(ref _expired));
}
