using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Luthiers.Suppliers;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

public sealed class SupplierUnavailableException : Exception
{
    public SupplierUnavailableException(DateTime retryAtUtc)
        : base($"Varnish supplier unavailable until {retryAtUtc:HH:mm:ss} UTC.") => RetryAtUtc = retryAtUtc;

    public DateTime RetryAtUtc { get; }
}

/// <summary>
/// Circuit breaker around the tonewood and varnish supplier's ordering API. One instance
/// is shared by the workshop's inventory service; any number of orders may be in flight.
/// While half-open, a single probe call is let through.
/// </summary>
public sealed class SupplierBreaker
{
    private readonly object _gate = new();
    private readonly int _threshold;
    private readonly TimeSpan _openFor;
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private DateTime _retryAtUtc;
    private bool _probeInFlight;

    public SupplierBreaker(int threshold, TimeSpan openFor)
    {
        _threshold = threshold;
        _openFor = openFor;
    }

    public BreakerState State
    {
        get { lock (_gate) return _state; }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        bool isProbe = false;
        lock (_gate)
        {
            if (_state == BreakerState.Open)
            {
                if (DateTime.UtcNow < _retryAtUtc)
                    throw new SupplierUnavailableException(_retryAtUtc);
                _state = BreakerState.HalfOpen;
            }

            if (_state == BreakerState.HalfOpen)
            {
                if (_probeInFlight)
                    throw new SupplierUnavailableException(_retryAtUtc);
                _probeInFlight = true;
                isProbe = true;
            }
        }

        bool succeeded = false;
        try
        {
            var result = await call(ct).ConfigureAwait(false);
            succeeded = true;
            return result;
        }
        finally
        {
            lock (_gate)
            {
                if (isProbe)
                    _probeInFlight = false;

                if (succeeded)
                {
                    _failures = 0;
                    _state = BreakerState.Closed;
                }
                else if (!ct.IsCancellationRequested)
                {
                    _failures++;
                    if (isProbe || _failures >= _threshold)
                    {
                        _state = BreakerState.Open;
                        _retryAtUtc = DateTime.UtcNow + _openFor;
                    }
                }
            }
        }
    }
}
