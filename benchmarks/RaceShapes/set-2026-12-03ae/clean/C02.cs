namespace Blind31.HotAirBalloonLaunches.Weather;

/// <summary>
/// Circuit breaker in front of the upper-wind sounding service. Shared by the launch
/// planner, the pilot briefing screen and the chase-crew app.
/// </summary>
public sealed class SoundingCircuitBreaker
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;

    private readonly int _threshold;
    private readonly long _cooldownMs;
    private int _state = Closed;
    private int _failures;
    private long _openedAtMs;

    public SoundingCircuitBreaker(int threshold, TimeSpan cooldown)
    {
        _threshold = threshold;
        _cooldownMs = (long)cooldown.TotalMilliseconds;
    }

    public string StateName => Volatile.Read(ref _state) switch
    {
        Closed => "closed",
        Open => "open",
        _ => "half-open",
    };

    public int Failures => Volatile.Read(ref _failures);

    public bool TryEnter()
    {
        int state = Volatile.Read(ref _state);
        if (state == Closed)
        {
            return true;
        }

        if (state == Open)
        {
            long elapsed = Environment.TickCount64 - Interlocked.Read(ref _openedAtMs);
            if (elapsed < _cooldownMs)
            {
                return false;
            }

            // Only one caller gets to send the probe request.
            return Interlocked.CompareExchange(ref _state, HalfOpen, Open) == Open;
        }

        return false;
    }

    public void OnSuccess()
    {
        Interlocked.Exchange(ref _failures, 0);
        Interlocked.Exchange(ref _state, Closed);
    }

    public void OnFailure()
    {
        int failures = Interlocked.Increment(ref _failures);
        int state = Volatile.Read(ref _state);
        if (state == HalfOpen || failures >= _threshold)
        {
            Interlocked.Exchange(ref _openedAtMs, Environment.TickCount64);
            Interlocked.Exchange(ref _state, Open);
        }
    }
}

public sealed class UpperWindClient
{
    private readonly SoundingCircuitBreaker _breaker;
    private readonly Func<string, CancellationToken, Task<double[]>> _fetchProfile;

    public UpperWindClient(SoundingCircuitBreaker breaker, Func<string, CancellationToken, Task<double[]>> fetchProfile)
    {
        _breaker = breaker;
        _fetchProfile = fetchProfile;
    }

    public async Task<double[]?> GetWindProfileAsync(string launchSite, CancellationToken ct)
    {
        if (!_breaker.TryEnter())
        {
            return null;
        }

        try
        {
            var profile = await _fetchProfile(launchSite, ct).ConfigureAwait(false);
            _breaker.OnSuccess();
            return profile;
        }
        catch (HttpRequestException)
        {
            _breaker.OnFailure();
            return null;
        }
    }
}
