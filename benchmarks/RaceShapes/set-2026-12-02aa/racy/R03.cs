namespace Blind27.Orchards.Irrigation;

public sealed class ValveUnavailableException : Exception
{
    public ValveUnavailableException(string message) : base(message) { }
}

/// <summary>
/// Circuit breaker in front of the field valve controllers. When a controller keeps
/// failing, calls are rejected for a cool-down period instead of piling up. One breaker
/// is shared by every irrigation zone scheduler and is called from many threads at once.
/// </summary>
public sealed class ValveControllerBreaker
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;

    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private int _state = Closed;
    private int _consecutiveFailures;
    private long _openedAtTicks;

    public ValveControllerBreaker(int failureThreshold, TimeSpan breakDuration)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
    }

    public bool IsOpen => Volatile.Read(ref _state) == Open;

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        if (Volatile.Read(ref _state) == Open)
        {
            var openedAt = Interlocked.Read(ref _openedAtTicks);
            if (DateTime.UtcNow.Ticks - openedAt < _breakDuration.Ticks)
            {
                throw new ValveUnavailableException("Valve controller is cooling down.");
            }

            Interlocked.CompareExchange(ref _state, HalfOpen, Open);
        }

        try
        {
            var result = await action(ct).ConfigureAwait(false);
            OnSuccess();
            return result;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            OnFailure();
            throw;
        }
    }

    private void OnSuccess()
    {
        Interlocked.Exchange(ref _consecutiveFailures, 0);
        Volatile.Write(ref _state, Closed);
    }

    private void OnFailure()
    {
        _consecutiveFailures++;
        if (_consecutiveFailures >= _failureThreshold || Volatile.Read(ref _state) == HalfOpen)
        {
            Interlocked.Exchange(ref _openedAtTicks, DateTime.UtcNow.Ticks);
            Volatile.Write(ref _state, Open);
        }
    }
}

/// <summary>Opens and closes the drip lines for one orchard block.</summary>
public sealed class ZoneScheduler
{
    private readonly ValveControllerBreaker _breaker;
    private readonly HttpClient _http;

    public ZoneScheduler(ValveControllerBreaker breaker, HttpClient http)
    {
        _breaker = breaker;
        _http = http;
    }

    public Task<bool> OpenValveAsync(string blockId, TimeSpan duration, CancellationToken ct) =>
        _breaker.ExecuteAsync(async token =>
        {
            var url = $"valves/{blockId}/open?seconds={(int)duration.TotalSeconds}";
            using var response = await _http.PostAsync(url, null, token).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            return true;
        }, ct);
}
