namespace Blind37.AlpacaTreks.Booking;

public interface ITrekInventory
{
    void ReleasePlace(string trekId);
    void ConfirmPlace(string trekId, string customer, string paymentReference);
}

public enum HoldState
{
    Held,
    Confirmed,
    Expired,
}

/// <summary>
/// Holds a place on an alpaca trek for a customer while the payment provider takes the
/// card payment. If the payment is not confirmed before the hold runs out, the place
/// goes back on sale.
/// </summary>
public sealed class TrekPlaceHold : IDisposable
{
    private readonly ITrekInventory _inventory;
    private readonly CancellationTokenSource _expiry;
    private readonly CancellationTokenRegistration _registration;
    private HoldState _state = HoldState.Held;

    public TrekPlaceHold(ITrekInventory inventory, string trekId, string customer, TimeSpan holdFor)
    {
        _inventory = inventory;
        TrekId = trekId;
        Customer = customer;
        _expiry = new CancellationTokenSource(holdFor);
        _registration = _expiry.Token.Register(OnExpired);
    }

    public string TrekId { get; }

    public string Customer { get; }

    private void OnExpired()
    {
        if (_state == HoldState.Held)
        {
            _state = HoldState.Expired;
            _inventory.ReleasePlace(TrekId);
        }
    }

    /// <summary>Called from the payment provider's webhook when the card payment succeeds.</summary>
    public bool Confirm(string paymentReference)
    {
        if (_state != HoldState.Held)
        {
            return false;
        }

        _state = HoldState.Confirmed;
        _inventory.ConfirmPlace(TrekId, Customer, paymentReference);
        return true;
    }

    public void Dispose()
    {
        _registration.Dispose();
        _expiry.Dispose();
    }
}

/// <summary>Keeps the open holds so the payment webhook can find them by reference.</summary>
public sealed class TrekHoldBook
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TrekPlaceHold> _holds = new();
    private readonly ITrekInventory _inventory;
    private readonly TimeSpan _holdFor;

    public TrekHoldBook(ITrekInventory inventory, TimeSpan holdFor)
    {
        _inventory = inventory;
        _holdFor = holdFor;
    }

    public string Open(string trekId, string customer)
    {
        var reference = Guid.NewGuid().ToString("N");
        _holds[reference] = new TrekPlaceHold(_inventory, trekId, customer, _holdFor);
        return reference;
    }

    public bool OnPaymentSucceeded(string reference, string paymentReference)
    {
        if (!_holds.TryRemove(reference, out var hold))
        {
            return false;
        }

        using (hold)
        {
            return hold.Confirm(paymentReference);
        }
    }
}
