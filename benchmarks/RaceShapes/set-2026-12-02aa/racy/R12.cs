namespace Blind27.Planetarium.Booking;

public interface ISeatMapRenderer
{
    Task RenderAsync(string showId, int seatsTaken, CancellationToken ct);
}

/// <summary>
/// Sells seats for one dome show. Rendering the seat map for the confirmation email is
/// expensive, so at most <c>maxConcurrentRenders</c> bookings are processed at a time.
/// Registered as a singleton; the box office and web shop both call <see cref="BookAsync"/>.
/// </summary>
public sealed class DomeShowBookingService
{
    private readonly string _showId;
    private readonly int _domeCapacity;
    private readonly ISeatMapRenderer _renderer;
    private readonly SemaphoreSlim _renderSlots;
    private int _seatsSold;

    public DomeShowBookingService(string showId, int domeCapacity, ISeatMapRenderer renderer, int maxConcurrentRenders = 4)
    {
        _showId = showId;
        _domeCapacity = domeCapacity;
        _renderer = renderer;
        _renderSlots = new SemaphoreSlim(maxConcurrentRenders, maxConcurrentRenders);
    }

    public async Task<bool> BookAsync(int seats, CancellationToken ct)
    {
        if (seats <= 0) throw new ArgumentOutOfRangeException(nameof(seats));

        await _renderSlots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var sold = _seatsSold;
            if (sold + seats > _domeCapacity)
            {
                return false;
            }

            _seatsSold = sold + seats;
            await _renderer.RenderAsync(_showId, sold + seats, ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _renderSlots.Release();
        }
    }

    public async Task<int> SeatsRemainingAsync(CancellationToken ct)
    {
        await _renderSlots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _domeCapacity - _seatsSold;
        }
        finally
        {
            _renderSlots.Release();
        }
    }
}
