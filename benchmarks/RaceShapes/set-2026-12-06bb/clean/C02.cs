namespace Blind54.Karaoke.Lyrics;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// Circuit breaker in front of the third-party lyrics provider. Registered as a singleton and
/// consulted by every song request from the room tablets.
/// </summary>
public sealed class LyricsProviderBreaker
{
    private readonly object _lock = new();
    private readonly int _threshold;
    private readonly TimeSpan _coolDown;
    private BreakerState _state = BreakerState.Closed;
    private int _failures;
    private DateTime _openedUtc;
    private bool _probeInFlight;

    public LyricsProviderBreaker(int threshold, TimeSpan coolDown)
    {
        _threshold = threshold;
        _coolDown = coolDown;
    }

    public BreakerState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public bool TryEnter()
    {
        lock (_lock)
        {
            switch (_state)
            {
                case BreakerState.Closed:
                    return true;
                case BreakerState.Open when DateTime.UtcNow - _openedUtc >= _coolDown:
                    _state = BreakerState.HalfOpen;
                    _probeInFlight = true;
                    return true;
                case BreakerState.HalfOpen when !_probeInFlight:
                    _probeInFlight = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    public void OnSuccess()
    {
        lock (_lock)
        {
            _failures = 0;
            _probeInFlight = false;
            _state = BreakerState.Closed;
        }
    }

    public void OnFailure()
    {
        lock (_lock)
        {
            _failures++;
            _probeInFlight = false;
            if (_state == BreakerState.HalfOpen || _failures >= _threshold)
            {
                _state = BreakerState.Open;
                _openedUtc = DateTime.UtcNow;
            }
        }
    }
}

/// <summary>Fetches lyrics for the room tablets through the breaker.</summary>
public sealed class LyricsClient
{
    private readonly HttpClient _http;
    private readonly LyricsProviderBreaker _breaker;

    public LyricsClient(HttpClient http, LyricsProviderBreaker breaker)
    {
        _http = http;
        _breaker = breaker;
    }

    public async Task<string?> GetLyricsAsync(string songId, CancellationToken ct)
    {
        if (!_breaker.TryEnter())
        {
            return null;
        }

        try
        {
            var text = await _http.GetStringAsync($"lyrics/{songId}", ct);
            _breaker.OnSuccess();
            return text;
        }
        catch (HttpRequestException)
        {
            _breaker.OnFailure();
            return null;
        }
    }
}
