namespace ThreadLocalState;

/// <summary>
/// The current request's id, flowing with the async call instead of the thread: after an <c>await</c> the code may
/// continue on another thread, and <see cref="AsyncLocal{T}"/> still holds this request's value.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<string?> CurrentRequest = new();

    public static string? RequestId => CurrentRequest.Value;

    public static async Task<string> HandleAsync(string requestId)
    {
        CurrentRequest.Value = requestId;
        int startThread = Environment.CurrentManagedThreadId;
        await LoadAsync().ConfigureAwait(false);
        string afterLoad = RequestId ?? "(none)";
        await SaveAsync().ConfigureAwait(false);
        return $"{requestId}: started on thread {startThread}, finished on thread {Environment.CurrentManagedThreadId}, saw request id '{afterLoad}' then '{RequestId}'";
    }

    private static async Task LoadAsync() => await Task.Delay(20).ConfigureAwait(false);

    private static async Task SaveAsync() => await Task.Delay(20).ConfigureAwait(false);
}
