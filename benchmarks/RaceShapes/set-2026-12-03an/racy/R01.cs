namespace Blind40.Ferries.Ticketing;

/// <summary>
/// Limits how quickly booking requests for one river crossing are accepted.
/// One instance per route is registered as an app-wide singleton and is called
/// by every request handler in the booking API.
/// </summary>
public sealed class CrossingRateLimiter
{
    private readonly object _refillLock = new();
    private readonly double _capacity;
    private readonly double _tokensPerSecond;
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _lastRefillTimestamp;
    private long _rejected;

    public CrossingRateLimiter(double capacity, double tokensPerSecond, TimeProvider? clock = null)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        if (tokensPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(tokensPerSecond));

        _capacity = capacity;
        _tokensPerSecond = tokensPerSecond;
        _clock = clock ?? TimeProvider.System;
        _tokens = capacity;
        _lastRefillTimestamp = _clock.GetTimestamp();
    }

    /// <summary>Number of requests turned away since start-up.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public double Available
    {
        get
        {
            lock (_refillLock)
            {
                return _tokens;
            }
        }
    }

    /// <summary>Takes <paramref name="cost"/> tokens if enough are available.</summary>
    public bool TryAcquire(double cost = 1)
    {
        Refill();

        if (_tokens < cost)
        {
            Interlocked.Increment(ref _rejected);
            return false;
        }

        _tokens -= cost;
        return true;
    }

    private void Refill()
    {
        lock (_refillLock)
        {
            long now = _clock.GetTimestamp();
            double elapsedSeconds = _clock.GetElapsedTime(_lastRefillTimestamp, now).TotalSeconds;
            if (elapsedSeconds <= 0)
            {
                return;
            }

            _tokens = Math.Min(_capacity, _tokens + elapsedSeconds * _tokensPerSecond);
            _lastRefillTimestamp = now;
        }
    }
}

/// <summary>Booking endpoint handler; ASP.NET Core invokes it concurrently for each request.</summary>
public sealed class BookingHandler
{
    private readonly IReadOnlyDictionary<string, CrossingRateLimiter> _limiters;

    public BookingHandler(IReadOnlyDictionary<string, CrossingRateLimiter> limiters)
    {
        _limiters = limiters;
    }

    public async Task<int> HandleAsync(string routeCode, int passengers, CancellationToken ct)
    {
        if (!_limiters.TryGetValue(routeCode, out var limiter))
        {
            return 404;
        }

        // Vehicles and large groups cost more than a single foot passenger.
        double cost = passengers > 4 ? 2 : 1;
        if (!limiter.TryAcquire(cost))
        {
            return 429;
        }

        await Task.Delay(5, ct);
        return 201;
    }
}
