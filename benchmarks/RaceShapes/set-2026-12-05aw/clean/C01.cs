namespace SkiJumpJudging.Federation;

public sealed class ResultsServiceUnavailableException : Exception
{
    public ResultsServiceUnavailableException() : base("Federation results service is not accepting calls.") { }
}

/// <summary>
/// Circuit breaker for the federation results service. Shared by every judging tower
/// client that submits style marks during a competition round.
/// </summary>
public sealed class ResultsServiceBreaker
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;

    private readonly int _failureThreshold;
    private readonly long _cooldownMs;
    private int _state;
    private int _consecutiveFailures;
    private long _openedAtMs;

    public ResultsServiceBreaker(int failureThreshold, TimeSpan cooldown)
    {
        _failureThreshold = failureThreshold;
        _cooldownMs = (long)cooldown.TotalMilliseconds;
    }

    public bool IsClosed => Volatile.Read(ref _state) == Closed;

    public async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        bool probe = false;
        int state = Volatile.Read(ref _state);
        if (state == Open)
        {
            long openedAt = Interlocked.Read(ref _openedAtMs);
            if (Environment.TickCount64 - openedAt < _cooldownMs)
            {
                throw new ResultsServiceUnavailableException();
            }
            // The caller that moves the breaker to half-open becomes the probe.
            if (Interlocked.CompareExchange(ref _state, HalfOpen, Open) != Open)
            {
                throw new ResultsServiceUnavailableException();
            }
            probe = true;
        }
        else if (state == HalfOpen)
        {
            throw new ResultsServiceUnavailableException();
        }

        try
        {
            T result = await call(ct).ConfigureAwait(false);
            Interlocked.Exchange(ref _consecutiveFailures, 0);
            if (probe)
            {
                Interlocked.Exchange(ref _state, Closed);
            }
            return result;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            if (probe)
            {
                Interlocked.Exchange(ref _openedAtMs, Environment.TickCount64);
                Interlocked.Exchange(ref _state, Open);
            }
            else if (Interlocked.Increment(ref _consecutiveFailures) >= _failureThreshold)
            {
                Interlocked.Exchange(ref _openedAtMs, Environment.TickCount64);
                if (Interlocked.CompareExchange(ref _state, Open, Closed) == Closed)
                {
                    Interlocked.Exchange(ref _consecutiveFailures, 0);
                }
            }
            throw;
        }
    }
}

public sealed record StyleMarks(string JumperBib, int JudgeSeat, double[] Marks);

/// <summary>Sends each judge's marks to the federation through the shared breaker.</summary>
public sealed class JudgingTowerClient
{
    private readonly ResultsServiceBreaker _breaker;
    private readonly Func<StyleMarks, CancellationToken, Task<bool>> _submit;

    public JudgingTowerClient(ResultsServiceBreaker breaker, Func<StyleMarks, CancellationToken, Task<bool>> submit)
    {
        _breaker = breaker;
        _submit = submit;
    }

    public Task<bool[]> SubmitRoundAsync(IEnumerable<StyleMarks> marks, CancellationToken ct) =>
        Task.WhenAll(marks.Select(m => _breaker.CallAsync(token => _submit(m, token), ct)));
}
