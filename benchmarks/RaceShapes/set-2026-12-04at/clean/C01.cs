namespace Blind46.BellFoundry.Furnace;

public enum FurnaceLinkState { Closed, Open, HalfOpen }

public sealed class FurnaceLinkUnavailableException : Exception
{
    public FurnaceLinkUnavailableException() : base("Furnace controller link is open; try again shortly.") { }
}

/// <summary>
/// Circuit breaker around the bronze furnace controller's HTTP API. One instance
/// is registered for the whole foundry floor app and used by every pour request.
/// </summary>
public sealed class FurnaceLinkBreaker
{
    private readonly object _gate = new();
    private readonly int _threshold;
    private readonly TimeSpan _coolDown;

    private FurnaceLinkState _state = FurnaceLinkState.Closed;
    private int _failures;
    private DateTime _openedUtc;
    private bool _trialInFlight;

    public FurnaceLinkBreaker(int threshold, TimeSpan coolDown)
    {
        _threshold = threshold;
        _coolDown = coolDown;
    }

    /// <summary>Raised after the breaker changes state. Handlers run on the calling request's thread.</summary>
    public event Action<FurnaceLinkState, FurnaceLinkState>? StateChanged;

    public FurnaceLinkState State
    {
        get { lock (_gate) return _state; }
    }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        (FurnaceLinkState From, FurnaceLinkState To)? transition = null;
        lock (_gate)
        {
            if (_state == FurnaceLinkState.Open)
            {
                if (DateTime.UtcNow - _openedUtc < _coolDown)
                    throw new FurnaceLinkUnavailableException();
                transition = (_state, FurnaceLinkState.HalfOpen);
                _state = FurnaceLinkState.HalfOpen;
            }

            if (_state == FurnaceLinkState.HalfOpen)
            {
                if (_trialInFlight)
                    throw new FurnaceLinkUnavailableException();
                _trialInFlight = true;
            }
        }

        Raise(transition);

        try
        {
            var result = await call(ct).ConfigureAwait(false);
            Raise(Record(success: true));
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Raise(Record(success: false));
            throw;
        }
    }

    private (FurnaceLinkState, FurnaceLinkState)? Record(bool success)
    {
        lock (_gate)
        {
            var before = _state;
            _trialInFlight = false;
            if (success)
            {
                _failures = 0;
                _state = FurnaceLinkState.Closed;
            }
            else if (++_failures >= _threshold || before == FurnaceLinkState.HalfOpen)
            {
                _state = FurnaceLinkState.Open;
                _openedUtc = DateTime.UtcNow;
            }

            return before == _state ? null : (before, _state);
        }
    }

    private void Raise((FurnaceLinkState From, FurnaceLinkState To)? transition)
    {
        if (transition is { } t)
            Volatile.Read(ref StateChanged)?.Invoke(t.From, t.To);
    }
}
