namespace Blind46.KiteFestival.Workshops;

public interface IPaymentProvider
{
    Task<bool> TakePaymentAsync(string visitorId, decimal amount, CancellationToken ct);
}

/// <summary>
/// Seat reservations for the festival's kite-building workshops. Registered as a
/// singleton; the ticket endpoints call it concurrently.
/// </summary>
public sealed class WorkshopSeatService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, int> _seatsLeft;
    private readonly Dictionary<string, List<string>> _attendees = new();
    private readonly IPaymentProvider _payments;

    public WorkshopSeatService(IPaymentProvider payments, IReadOnlyDictionary<string, int> capacities)
    {
        _payments = payments;
        _seatsLeft = new Dictionary<string, int>(capacities);
    }

    public async Task<bool> ReserveAsync(string workshopId, string visitorId, decimal price, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_seatsLeft.GetValueOrDefault(workshopId) <= 0)
                return false;

            bool paid = await _payments.TakePaymentAsync(visitorId, price, ct).ConfigureAwait(false);
            if (!paid)
                return false;

            _seatsLeft[workshopId]--;
            if (!_attendees.TryGetValue(workshopId, out var list))
                _attendees[workshopId] = list = new List<string>();
            list.Add(visitorId);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> AttendeesAsync(string workshopId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _attendees.TryGetValue(workshopId, out var list) ? list.ToArray() : Array.Empty<string>();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> SeatsLeftAsync(string workshopId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _seatsLeft.GetValueOrDefault(workshopId);
        }
        finally
        {
            _gate.Release();
        }
    }
}
