namespace Blind60.LighthouseTrust.Foghorn;

/// <summary>
/// Circuit breaker guarding calls to the coastguard's foghorn-control gateway.
/// Shared by the automation scheduler and the keeper's manual console.
/// </summary>
public sealed class GatewayCircuitBreaker
{
    private enum Phase { Closed, Open, Trial }

    private readonly object _gate = new();
    private readonly int _threshold;
    private readonly TimeSpan _cooldown;
    private Phase _phase = Phase.Closed;
    private int _failures;
    private DateTime _reopenAtUtc;
    private bool _trialInProgress;

    public GatewayCircuitBreaker(int threshold, TimeSpan cooldown)
    {
        _threshold = threshold;
        _cooldown = cooldown;
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_phase == Phase.Open)
            {
                if (DateTime.UtcNow < _reopenAtUtc)
                {
                    throw new InvalidOperationException("Foghorn gateway circuit is open.");
                }
                _phase = Phase.Trial;
            }

            if (_phase == Phase.Trial)
            {
                if (_trialInProgress)
                {
                    throw new InvalidOperationException("Foghorn gateway trial call already running.");
                }
                _trialInProgress = true;
            }
        }

        try
        {
            var result = await action(ct).ConfigureAwait(false);
            lock (_gate)
            {
                _failures = 0;
                _phase = Phase.Closed;
                _trialInProgress = false;
            }
            return result;
        }
        catch (Exception)
        {
            lock (_gate)
            {
                if (!ct.IsCancellationRequested)
                {
                    _failures++;
                    if (_phase == Phase.Trial || _failures >= _threshold)
                    {
                        _phase = Phase.Open;
                        _reopenAtUtc = DateTime.UtcNow + _cooldown;
                    }
                }
                _trialInProgress = false;
            }
            throw;
        }
    }

    public string Describe()
    {
        lock (_gate)
        {
            return $"{_phase} (failures: {_failures})";
        }
    }
}
