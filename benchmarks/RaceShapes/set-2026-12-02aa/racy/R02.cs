namespace Blind27.HarbourPilots.Boarding;

/// <summary>
/// Limits how many pilot boarding requests are forwarded to the pilot launch crews.
/// Tokens are refilled on a fixed interval by an internal timer. A single instance is
/// registered for the whole dispatch service and consulted by every incoming request.
/// </summary>
public sealed class PilotBoardingRateLimiter : IDisposable
{
    private readonly object _lock = new();
    private readonly double _capacity;
    private readonly double _refillPerTick;
    private readonly Timer _refillTimer;
    private double _tokens;

    public PilotBoardingRateLimiter(double capacity, double refillPerTick, TimeSpan tickInterval)
    {
        _capacity = capacity;
        _refillPerTick = refillPerTick;
        _tokens = capacity;
        _refillTimer = new Timer(_ => Refill(), null, tickInterval, tickInterval);
    }

    /// <summary>Attempts to take <paramref name="cost"/> tokens for one boarding request.</summary>
    public bool TryAcquire(double cost = 1.0)
    {
        lock (_lock)
        {
            if (_tokens < cost)
            {
                return false;
            }

            _tokens -= cost;
            return true;
        }
    }

    public double Available
    {
        get
        {
            lock (_lock)
            {
                return _tokens;
            }
        }
    }

    internal void Refill()
    {
        var next = _tokens + _refillPerTick;
        _tokens = next > _capacity ? _capacity : next;
    }

    public void Dispose() => _refillTimer.Dispose();
}

public sealed record BoardingRequest(string VesselName, string Berth, DateTimeOffset Eta);

/// <summary>Accepts boarding requests from the port community system.</summary>
public sealed class BoardingRequestHandler
{
    private readonly PilotBoardingRateLimiter _limiter;
    private readonly Func<BoardingRequest, Task> _dispatch;

    public BoardingRequestHandler(PilotBoardingRateLimiter limiter, Func<BoardingRequest, Task> dispatch)
    {
        _limiter = limiter;
        _dispatch = dispatch;
    }

    public async Task<bool> HandleAsync(BoardingRequest request)
    {
        var cost = request.Eta - DateTimeOffset.UtcNow < TimeSpan.FromMinutes(30) ? 2.0 : 1.0;
        if (!_limiter.TryAcquire(cost))
        {
            return false;
        }

        await _dispatch(request).ConfigureAwait(false);
        return true;
    }
}
