namespace Resilience.Breakers;

public sealed class CircuitOpenException : Exception
{
    public CircuitOpenException(string dependency, TimeSpan retryAfter)
        : base($"Calls to {dependency} are suspended for another {retryAfter.TotalSeconds:F0}s.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Breaker for one downstream dependency, shared by every caller of that
/// dependency.
/// </summary>
public sealed class DependencyBreaker
{
    private readonly object _sync = new();
    private readonly string _dependency;
    private readonly int _threshold;
    private readonly TimeSpan _cooldown;
    private int _failures;
    private bool _open;
    private bool _probeInFlight;
    private DateTime _openedUtc;

    public DependencyBreaker(string dependency, int threshold, TimeSpan cooldown)
    {
        _dependency = dependency;
        _threshold = threshold;
        _cooldown = cooldown;
    }

    public TimeSpan RetryAfter
    {
        get
        {
            lock (_sync)
            {
                if (!_open)
                {
                    return TimeSpan.Zero;
                }

                var remaining = _openedUtc + _cooldown - DateTime.UtcNow;
                return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
            }
        }
    }

    public async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        if (!TryAdmit(out var retryAfter))
        {
            throw new CircuitOpenException(_dependency, retryAfter);
        }

        try
        {
            var result = await call().ConfigureAwait(false);
            Record(success: true);
            return result;
        }
        catch
        {
            Record(success: false);
            throw;
        }
    }

    private bool TryAdmit(out TimeSpan retryAfter)
    {
        lock (_sync)
        {
            retryAfter = TimeSpan.Zero;
            if (!_open)
            {
                return true;
            }

            var remaining = _openedUtc + _cooldown - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero && !_probeInFlight)
            {
                _probeInFlight = true;
                return true;
            }

            retryAfter = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
            return false;
        }
    }

    private void Record(bool success)
    {
        lock (_sync)
        {
            _probeInFlight = false;
            if (success)
            {
                _failures = 0;
                _open = false;
                return;
            }

            _failures++;
            if (_open || _failures >= _threshold)
            {
                _open = true;
                _openedUtc = DateTime.UtcNow;
            }
        }
    }
}
