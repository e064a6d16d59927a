namespace Blind51.FilmArchives.Loans;

public interface ILoanWebhookTransport
{
    Task<int> PostAsync(Uri endpoint, string json, CancellationToken cancellationToken);
}

/// <summary>
/// Tells partner cinemathèques when a print they requested is dispatched or returned.
/// Retries are counted per delivery; a partner-level circuit breaker pauses sending after
/// repeated failures. One sender per partner, shared by the loans workflow.
/// </summary>
public sealed class PartnerLoanNotifier
{
    private const int MaxAttempts = 4;
    private const int FailuresBeforeOpen = 10;
    private static readonly TimeSpan OpenFor = TimeSpan.FromMinutes(2);

    private readonly ILoanWebhookTransport _transport;
    private readonly Uri _endpoint;
    private readonly TimeProvider _time;
    private int _consecutiveFailures;
    private long _openUntilTicks;

    public PartnerLoanNotifier(ILoanWebhookTransport transport, Uri endpoint, TimeProvider time)
    {
        _transport = transport;
        _endpoint = endpoint;
        _time = time;
    }

    public bool CircuitOpen => _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks);

    public async Task<bool> NotifyAsync(string printId, string movement, CancellationToken cancellationToken)
    {
        if (CircuitOpen) return false;

        var json = $"{{\"print\":\"{printId}\",\"movement\":\"{movement}\"}}";
        var delay = TimeSpan.FromMilliseconds(200);

        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            int status;
            try
            {
                status = await _transport.PostAsync(_endpoint, json, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                status = 0;
            }

            if (status is >= 200 and < 300)
            {
                Interlocked.Exchange(ref _consecutiveFailures, 0);
                return true;
            }

            if (Interlocked.Increment(ref _consecutiveFailures) >= FailuresBeforeOpen)
            {
                var until = (_time.GetUtcNow() + OpenFor).UtcTicks;
                Interlocked.Exchange(ref _openUntilTicks, until);
                Interlocked.Exchange(ref _consecutiveFailures, 0);
                return false;
            }

            if (status is >= 400 and < 500 and not 429) return false;
            if (attempt == MaxAttempts) break;

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }

        return false;
    }
}

/// <summary>
/// Sends the day's loan movements, several at a time.
/// </summary>
public static class LoanMovementDispatch
{
    public static async Task<int> SendAllAsync(PartnerLoanNotifier notifier, IReadOnlyList<(string Print, string Movement)> movements, CancellationToken cancellationToken)
    {
        int delivered = 0;
        await Parallel.ForEachAsync(movements, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (m, ct) =>
        {
            if (await notifier.NotifyAsync(m.Print, m.Movement, ct).ConfigureAwait(false))
                Interlocked.Increment(ref delivered);
        }).ConfigureAwait(false);
        return delivered;
    }
}
