namespace Blind40.Lacemakers.Patterns;

public sealed record PrickingPattern(string Name, int Pairs, int Pins);

public sealed record PatternRender(string Name, byte[] Image);

/// <summary>
/// A request to render a bobbin-lace pricking. The render farm completes it;
/// the requester may give up on a timeout or cancellation. Whichever happens
/// first decides the outcome.
/// </summary>
public sealed class RenderRequest : IDisposable
{
    private readonly TaskCompletionSource<PatternRender> _tcs =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenRegistration _registration;

    public RenderRequest(PrickingPattern pattern, TimeSpan timeout, CancellationToken callerToken)
    {
        Pattern = pattern;
        _timeout = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        _timeout.CancelAfter(timeout);
        _registration = _timeout.Token.Register(static state =>
        {
            var self = (RenderRequest)state!;
            self._tcs.TrySetCanceled();
        }, this);
    }

    public PrickingPattern Pattern { get; }

    public Task<PatternRender> Completion => _tcs.Task;

    /// <summary>Called by the render farm worker; returns false if the requester already gave up.</summary>
    public bool Complete(PatternRender render) => _tcs.TrySetResult(render);

    public bool Fail(Exception error) => _tcs.TrySetException(error);

    public void Dispose()
    {
        _registration.Dispose();
        _timeout.Dispose();
    }
}

/// <summary>Queue-backed render farm; workers pull requests and complete them.</summary>
public sealed class LaceRenderFarm
{
    private readonly System.Collections.Concurrent.BlockingCollection<RenderRequest> _queue = new(100);

    public async Task<PatternRender> RenderAsync(PrickingPattern pattern, TimeSpan timeout, CancellationToken ct)
    {
        using var request = new RenderRequest(pattern, timeout, ct);
        _queue.Add(request, ct);
        return await request.Completion.ConfigureAwait(false);
    }

    public Task StartWorkers(int count, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Factory.StartNew(() =>
        {
            foreach (var request in _queue.GetConsumingEnumerable(ct))
            {
                if (request.Completion.IsCompleted)
                {
                    continue;
                }

                try
                {
                    var image = new byte[request.Pattern.Pins * 4];
                    request.Complete(new PatternRender(request.Pattern.Name, image));
                }
                catch (Exception ex)
                {
                    request.Fail(ex);
                }
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
}
