namespace Blind32.TruffleDogs.Registry;

public sealed record DogRecord(string Name, string Handler, string Breed, int FindsThisSeason);

public interface IKennelClubApi
{
    Task<DogRecord> LookupAsync(string microchip, CancellationToken cancellationToken);
}

/// <summary>
/// Looks up truffle dogs in the kennel club's registry, retrying transient
/// failures, with an overall deadline. Whichever of "lookup finished",
/// "deadline passed" or "caller cancelled" happens first decides the result.
/// </summary>
public sealed class DogRegistryLookup
{
    private readonly IKennelClubApi _api;
    private readonly int _maxAttempts;

    public DogRegistryLookup(IKennelClubApi api, int maxAttempts)
    {
        _api = api;
        _maxAttempts = maxAttempts;
    }

    public Task<DogRecord?> LookupAsync(string microchip, TimeSpan deadline, CancellationToken ct)
    {
        var result = new TaskCompletionSource<DogRecord?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var attemptsCts = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var deadlineTimer = new Timer(_ => result.TrySetResult(null), null, deadline, Timeout.InfiniteTimeSpan);

        var callerRegistration = ct.Register(() => result.TrySetCanceled(ct));

        _ = RunAttemptsAsync(microchip, result, attemptsCts.Token);

        // Once the outcome is decided, stop any attempt still in flight and clean up.
        result.Task.ContinueWith(_ =>
        {
            attemptsCts.Cancel();
            deadlineTimer.Dispose();
            callerRegistration.Dispose();
            attemptsCts.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        return result.Task;
    }

    private async Task RunAttemptsAsync(string microchip, TaskCompletionSource<DogRecord?> result, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= _maxAttempts; attempt++)
        {
            try
            {
                var record = await _api.LookupAsync(microchip, ct).ConfigureAwait(false);
                result.TrySetResult(record);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException) when (attempt < _maxAttempts)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (Exception ex)
            {
                result.TrySetException(ex);
                return;
            }
        }
    }
}
