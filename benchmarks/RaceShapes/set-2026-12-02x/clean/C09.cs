namespace Blind24.PassScheduling;

public sealed record PassWindow(string Satellite, DateTimeOffset Aos, DateTimeOffset Los, double MaxElevation);

public interface IOrbitPropagator
{
    Task<IReadOnlyList<PassWindow>> PredictAsync(string satellite, DateTimeOffset from, TimeSpan span, CancellationToken ct);
}

/// <summary>
/// Keeps the ground station's booked pass plan. Booking requests from mission
/// operators arrive concurrently; each booking needs an orbit prediction (async)
/// followed by a conflict check against what is already booked, and the two steps
/// must not interleave with another booking.
/// </summary>
public sealed class PassBookingService : IDisposable
{
    private readonly SemaphoreSlim _bookingGate = new(1, 1);
    private readonly IOrbitPropagator _propagator;
    private readonly List<PassWindow> _booked = new();

    public PassBookingService(IOrbitPropagator propagator) => _propagator = propagator;

    public async Task<PassWindow?> BookNextAsync(string satellite, double minElevation, CancellationToken ct)
    {
        await _bookingGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var candidates = await _propagator
                .PredictAsync(satellite, DateTimeOffset.UtcNow, TimeSpan.FromDays(1), ct)
                .ConfigureAwait(false);

            foreach (var pass in candidates.Where(p => p.MaxElevation >= minElevation).OrderBy(p => p.Aos))
            {
                bool clash = _booked.Any(b => b.Aos < pass.Los && pass.Aos < b.Los);
                if (!clash)
                {
                    _booked.Add(pass);
                    return pass;
                }
            }

            return null;
        }
        finally
        {
            _bookingGate.Release();
        }
    }

    public async Task<IReadOnlyList<PassWindow>> PlanAsync(CancellationToken ct)
    {
        await _bookingGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _booked.OrderBy(p => p.Aos).ToList();
        }
        finally
        {
            _bookingGate.Release();
        }
    }

    public async Task<int> PruneExpiredAsync(CancellationToken ct)
    {
        await _bookingGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _booked.RemoveAll(p => p.Los < DateTimeOffset.UtcNow);
        }
        finally
        {
            _bookingGate.Release();
        }
    }

    public void Dispose() => _bookingGate.Dispose();
}
