namespace Ballooning.Launches;

public enum LaunchState { Pending, Cleared, Cancelled }

public sealed class LaunchRequest
{
    public LaunchRequest(string envelope, string pilot) { Envelope = envelope; Pilot = pilot; }
    public string Envelope { get; }
    public string Pilot { get; }
    public LaunchState State { get; set; } = LaunchState.Pending;
    public TaskCompletionSource<LaunchState> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Hands out launch slots on the field. Each request runs its pre-flight checks on
/// the thread pool; the caller may abandon the request through its token.
/// </summary>
public sealed class LaunchFieldCoordinator
{
    private readonly Func<LaunchRequest, bool> _preflight;
    private int _freeSlots;
    private int _launched;

    public LaunchFieldCoordinator(int slots, Func<LaunchRequest, bool> preflight)
    {
        _freeSlots = slots;
        _preflight = preflight;
    }

    public int FreeSlots => Volatile.Read(ref _freeSlots);
    public int Launched => Volatile.Read(ref _launched);

    public Task<LaunchState> RequestLaunchAsync(string envelope, string pilot, CancellationToken ct)
    {
        if (Interlocked.Decrement(ref _freeSlots) < 0)
        {
            Interlocked.Increment(ref _freeSlots);
            return Task.FromResult(LaunchState.Cancelled);
        }

        var request = new LaunchRequest(envelope, pilot);
        ct.Register(static state =>
        {
            var (self, req) = ((LaunchFieldCoordinator, LaunchRequest))state!;
            if (req.State == LaunchState.Pending)
            {
                req.State = LaunchState.Cancelled;
                Interlocked.Increment(ref self._freeSlots);
                req.Completion.TrySetResult(LaunchState.Cancelled);
            }
        }, (this, request));

        ThreadPool.QueueUserWorkItem(static s => s.self.RunChecks(s.request), (self: this, request), preferLocal: false);
        return request.Completion.Task;
    }

    private void RunChecks(LaunchRequest request)
    {
        bool ok = _preflight(request);
        if (request.State != LaunchState.Pending)
        {
            return;
        }

        if (ok)
        {
            request.State = LaunchState.Cleared;
            Interlocked.Increment(ref _launched);
            request.Completion.TrySetResult(LaunchState.Cleared);
        }
        else
        {
            request.State = LaunchState.Cancelled;
            Interlocked.Increment(ref _freeSlots);
            request.Completion.TrySetResult(LaunchState.Cancelled);
        }
    }

    /// <summary>Called by the crew chief once a cleared balloon has left the field.</summary>
    public void ReleaseSlot() => Interlocked.Increment(ref _freeSlots);
}
