using System.Collections.Concurrent;

namespace Blind58.DiveShopPayments;

public sealed record PaymentReceipt(string IdempotencyKey, string BookingRef, decimal Amount, string ProviderReference);

public interface ICardProcessor
{
    Task<string> ChargeAsync(string bookingRef, decimal amount, CancellationToken cancellationToken);
}

/// <summary>
/// Remembers which idempotency keys the dive shop's checkout has already charged, so a
/// retried POST from the booking app returns the original receipt instead of charging twice.
/// Registered as a singleton; every checkout request goes through it.
/// </summary>
public sealed class PaymentIdempotencyStore
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PaymentReceipt> _receipts = new(StringComparer.Ordinal);

    public bool TryGetReceipt(string key, out PaymentReceipt? receipt)
    {
        lock (_seen)
        {
            if (!_seen.Contains(key))
            {
                receipt = null;
                return false;
            }
        }

        return _receipts.TryGetValue(key, out receipt);
    }

    public void Remember(string key, PaymentReceipt receipt)
    {
        _seen.Add(key);
        _receipts[key] = receipt;
    }
}

/// <summary>Checkout endpoint logic for dive trips and equipment hire.</summary>
public sealed class DiveCheckoutService
{
    private readonly PaymentIdempotencyStore _idempotency;
    private readonly ICardProcessor _cards;

    public DiveCheckoutService(PaymentIdempotencyStore idempotency, ICardProcessor cards)
    {
        _idempotency = idempotency;
        _cards = cards;
    }

    public async Task<PaymentReceipt> CheckoutAsync(string idempotencyKey, string bookingRef, decimal amount, CancellationToken cancellationToken)
    {
        if (_idempotency.TryGetReceipt(idempotencyKey, out var existing) && existing is not null)
        {
            return existing;
        }

        string providerRef = await _cards.ChargeAsync(bookingRef, amount, cancellationToken).ConfigureAwait(false);
        var receipt = new PaymentReceipt(idempotencyKey, bookingRef, amount, providerRef);
        _idempotency.Remember(idempotencyKey, receipt);
        return receipt;
    }
}
