namespace Blind34.SledDog.Vets;

/// <summary>
/// Circuit breaker in front of the vet-check upload service at remote
/// checkpoints, where the satellite link drops often.
/// </summary>
public sealed class VetUploadBreaker
{
    private sealed record State(int Failures, DateTimeOffset? OpenedAt);

    private static readonly State Closed = new(0, null);

    private readonly int _threshold;
    private readonly TimeSpan _coolDown;
    private readonly TimeProvider _clock;
    private State _state = Closed;

    public VetUploadBreaker(int threshold, TimeSpan coolDown, TimeProvider? clock = null)
    {
        _threshold = threshold;
        _coolDown = coolDown;
        _clock = clock ?? TimeProvider.System;
    }

    public bool IsOpen
    {
        get
        {
            var s = Volatile.Read(ref _state);
            return s.OpenedAt is { } opened && _clock.GetUtcNow() - opened < _coolDown;
        }
    }

    public void OnSuccess() => Interlocked.Exchange(ref _state, Closed);

    public void OnFailure()
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            var failures = current.Failures + 1;
            var opened = failures >= _threshold ? _clock.GetUtcNow() : current.OpenedAt;
            var next = new State(failures, opened);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, next, current), current))
            {
                return;
            }
        }
    }

    public int Failures => Volatile.Read(ref _state).Failures;
}

public sealed class VetCheckUploader
{
    private readonly VetUploadBreaker _breaker;
    private readonly Func<string, Task> _upload;

    public VetCheckUploader(VetUploadBreaker breaker, Func<string, Task> upload)
    {
        _breaker = breaker;
        _upload = upload;
    }

    public async Task<int> UploadAllAsync(IEnumerable<string> cards)
    {
        var results = await Task.WhenAll(cards.Select(async card =>
        {
            if (_breaker.IsOpen)
            {
                return false;
            }

            try
            {
                await _upload(card).ConfigureAwait(false);
                _breaker.OnSuccess();
                return true;
            }
            catch (IOException)
            {
                _breaker.OnFailure();
                return false;
            }
        })).ConfigureAwait(false);
        return results.Count(ok => ok);
    }
}
