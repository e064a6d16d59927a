namespace Blind37.HedgeLaying.Grants;

public sealed class GrantPortalUnavailableException : Exception
{
    public GrantPortalUnavailableException() : base("Hedgerow grant portal is temporarily unavailable.") { }
}

/// <summary>
/// Circuit breaker for the stewardship grant portal, which the hedge-laying claims
/// service calls when a laid length is signed off. Shared by all claim submissions.
/// </summary>
public sealed class GrantPortalBreaker
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;

    private readonly int _threshold;
    private readonly long _openTicks;
    private int _state = Closed;
    private int _failures;
    private long _openedAt;

    public GrantPortalBreaker(int threshold, TimeSpan openFor)
    {
        _threshold = threshold;
        _openTicks = openFor.Ticks;
    }

    public int Failures => Volatile.Read(ref _failures);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var state = Volatile.Read(ref _state);
        if (state == Open)
        {
            if (DateTime.UtcNow.Ticks - Interlocked.Read(ref _openedAt) < _openTicks)
            {
                throw new GrantPortalUnavailableException();
            }

            // Let exactly one caller probe the portal.
            if (Interlocked.CompareExchange(ref _state, HalfOpen, Open) != Open)
            {
                throw new GrantPortalUnavailableException();
            }
        }
        else if (state == HalfOpen)
        {
            throw new GrantPortalUnavailableException();
        }

        try
        {
            var result = await call(cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _failures, 0);
            Interlocked.Exchange(ref _state, Closed);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failures = Interlocked.Increment(ref _failures);
            if (failures >= _threshold || Volatile.Read(ref _state) == HalfOpen)
            {
                Interlocked.Exchange(ref _openedAt, DateTime.UtcNow.Ticks);
                Interlocked.Exchange(ref _state, Open);
            }
            throw;
        }
    }
}

/// <summary>Submits signed-off hedge lengths as grant claims.</summary>
public sealed class HedgeClaimSubmitter
{
    private readonly GrantPortalBreaker _breaker;
    private readonly Func<string, double, CancellationToken, Task<string>> _post;

    public HedgeClaimSubmitter(GrantPortalBreaker breaker, Func<string, double, CancellationToken, Task<string>> post)
    {
        _breaker = breaker;
        _post = post;
    }

    public async Task<string?> SubmitAsync(string holding, double metresLaid, CancellationToken cancellationToken)
    {
        try
        {
            return await _breaker.RunAsync(ct => _post(holding, metresLaid, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (GrantPortalUnavailableException)
        {
            return null;
        }
    }
}
