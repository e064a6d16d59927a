namespace Blind43.IceRink.PublicSessions;

public interface IRinkPaymentClient
{
    Task<bool> AuthoriseAsync(string customerId, decimal amount, CancellationToken ct);
}

/// <summary>
/// Books skaters onto public sessions. Registered as a singleton and called from the
/// booking minimal-API endpoint, so many requests run through it at once.
/// </summary>
public sealed class SessionBookingService
{
    private const int Capacity = 180;
    private const decimal PricePerSkater = 8.50m;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, int> _booked = new(StringComparer.Ordinal);
    private readonly IRinkPaymentClient _payments;

    public SessionBookingService(IRinkPaymentClient payments) => _payments = payments;

    public async Task<BookingResult> BookAsync(string sessionId, string customerId, int skaters, CancellationToken ct)
    {
        if (skaters <= 0)
        {
            return BookingResult.Rejected("At least one skater is required.");
        }

        int current;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _booked.TryGetValue(sessionId, out current);
        }
        finally
        {
            _gate.Release();
        }

        if (current + skaters > Capacity)
        {
            return BookingResult.Rejected("Session is full.");
        }

        var paid = await _payments.AuthoriseAsync(customerId, skaters * PricePerSkater, ct).ConfigureAwait(false);
        if (!paid)
        {
            return BookingResult.Rejected("Payment declined.");
        }

        _booked[sessionId] = current + skaters;
        return BookingResult.Confirmed(current + skaters);
    }

    public async Task<int> RemainingAsync(string sessionId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return Capacity - _booked.GetValueOrDefault(sessionId);
        }
        finally
        {
            _gate.Release();
        }
    }
}

public sealed record BookingResult(bool Success, string? Reason, int SessionTotal)
{
    public static BookingResult Rejected(string reason) => new(false, reason, 0);
    public static BookingResult Confirmed(int total) => new(true, null, total);
}
