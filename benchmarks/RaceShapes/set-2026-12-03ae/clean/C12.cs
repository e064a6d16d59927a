namespace Blind31.CircusRiggingCrews.Winches;

public sealed record WinchMove(string Winch, double TargetMetres);

public sealed record WinchReply(int RequestId, double PositionMetres);

public interface IWinchBus
{
    void Send(int requestId, WinchMove move);
}

/// <summary>
/// Correlates winch moves with replies from the flying-system controller. Replies come in
/// on the bus reader thread; moves are issued from the rigging desk and from show cues.
/// </summary>
public sealed class WinchRequestTracker
{
    private readonly object _sync = new();
    private readonly Dictionary<int, TaskCompletionSource<WinchReply>> _inFlight = new();
    private readonly IWinchBus _bus;
    private int _nextId;
    private int _timeouts;

    public WinchRequestTracker(IWinchBus bus)
    {
        _bus = bus;
    }

    public int Timeouts
    {
        get { lock (_sync) { return _timeouts; } }
    }

    public async Task<WinchReply> MoveAsync(WinchMove move, TimeSpan timeout, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<WinchReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_sync)
        {
            id = ++_nextId;
            _inFlight.Add(id, reply);
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        using var registration = timeoutCts.Token.Register(() =>
        {
            lock (_sync)
            {
                if (!_inFlight.Remove(id))
                {
                    return;
                }

                _timeouts++;
            }

            reply.TrySetException(new TimeoutException($"Winch {move.Winch} did not reply to request {id}"));
        });

        _bus.Send(id, move);
        return await reply.Task.ConfigureAwait(false);
    }

    /// <summary>Called by the bus reader thread.</summary>
    public void OnReply(WinchReply message)
    {
        TaskCompletionSource<WinchReply>? reply;
        lock (_sync)
        {
            if (!_inFlight.Remove(message.RequestId, out reply))
            {
                return;
            }
        }

        reply.TrySetResult(message);
    }
}
