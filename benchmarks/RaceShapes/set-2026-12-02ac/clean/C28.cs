namespace Blind29.FerryTerminal.Ticketing;

public enum BreakerState { Closed, Open, HalfOpen }

public sealed class BreakerOpenException : Exception
{
    public BreakerOpenException(string message) : base(message) { }
}

/// <summary>
/// Circuit breaker around the ferry operator's ticketing API. One instance is shared
/// by every check-in kiosk and web request in the terminal.
/// </summary>
public sealed class TicketingBreaker
{
    private readonly object _sync = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _openFor;
    private BreakerState _state = BreakerState.Closed;
    private int _consecutiveFailures;
    private DateTimeOffset _openedAt;
    private bool _probeInFlight;

    public TicketingBreaker(int failureThreshold, TimeSpan openFor)
    {
        _failureThreshold = failureThreshold;
        _openFor = openFor;
    }

    public BreakerState State
    {
        get { lock (_sync) { return _state; } }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var isProbe = false;
        lock (_sync)
        {
            if (_state == BreakerState.Open && DateTimeOffset.UtcNow - _openedAt >= _openFor)
            {
                _state = BreakerState.HalfOpen;
            }

            if (_state == BreakerState.Open || (_state == BreakerState.HalfOpen && _probeInFlight))
            {
                throw new BreakerOpenException("Ticketing is unavailable; please see the desk.");
            }

            if (_state == BreakerState.HalfOpen)
            {
                _probeInFlight = true;
                isProbe = true;
            }
        }

        try
        {
            var result = await call(ct).ConfigureAwait(false);
            lock (_sync)
            {
                _consecutiveFailures = 0;
                _state = BreakerState.Closed;
                if (isProbe)
                {
                    _probeInFlight = false;
                }
            }

            return result;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            lock (_sync)
            {
                _consecutiveFailures++;
                if (_state == BreakerState.HalfOpen || _consecutiveFailures >= _failureThreshold)
                {
                    _state = BreakerState.Open;
                    _openedAt = DateTimeOffset.UtcNow;
                }

                if (isProbe)
                {
                    _probeInFlight = false;
                }
            }

            throw;
        }
        catch (OperationCanceledException) when (isProbe)
        {
            lock (_sync)
            {
                _probeInFlight = false;
            }

            throw;
        }
    }
}

public sealed class KioskCheckIn
{
    private readonly TicketingBreaker _breaker;

    public KioskCheckIn(TicketingBreaker breaker) => _breaker = breaker;

    public Task<string> CheckInAsync(string bookingRef, Func<string, CancellationToken, Task<string>> api, CancellationToken ct) =>
        _breaker.ExecuteAsync(token => api(bookingRef, token), ct);
}
