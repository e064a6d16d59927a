namespace Blind31.CircusRiggingCrews.Hoists;

public sealed record HoistCommand(string Hoist, double TargetMetres, double SpeedMetresPerSecond);

public sealed record HoistAck(int CommandId, double PositionMetres, bool LimitReached);

public interface IHoistLink
{
    void Transmit(int commandId, HoistCommand command);
}

/// <summary>
/// Tracks commands sent to the motorised rigging hoists and completes them when the
/// hoist controller acknowledges. Acks arrive on the serial reader thread; commands are
/// sent from the rigging desk UI and from cue automation.
/// </summary>
public sealed class HoistCommandTracker
{
    private readonly object _sync = new();
    private readonly Dictionary<int, PendingCommand> _pending = new();
    private readonly IHoistLink _link;
    private int _nextId;

    public HoistCommandTracker(IHoistLink link)
    {
        _link = link;
    }

    public int PendingCount
    {
        get { lock (_sync) { return _pending.Count; } }
    }

    public Task<HoistAck> SendAsync(HoistCommand command, TimeSpan timeout)
    {
        var completion = new TaskCompletionSource<HoistAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timeoutSource = new CancellationTokenSource(timeout);
        int id;

        lock (_sync)
        {
            id = ++_nextId;
            _pending[id] = new PendingCommand(completion, timeoutSource);
        }

        timeoutSource.Token.Register(() =>
        {
            if (_pending.Remove(id, out var expired))
            {
                expired.Completion.TrySetException(
                    new TimeoutException($"Hoist {command.Hoist} did not acknowledge command {id}"));
            }
        });

        _link.Transmit(id, command);
        return completion.Task;
    }

    /// <summary>Called by the serial reader thread for each acknowledgement frame.</summary>
    public void OnAckReceived(HoistAck ack)
    {
        PendingCommand? pending;
        lock (_sync)
        {
            if (!_pending.Remove(ack.CommandId, out pending))
            {
                return;
            }
        }

        pending.Timeout.Dispose();
        pending.Completion.TrySetResult(ack);
    }

    private sealed record PendingCommand(TaskCompletionSource<HoistAck> Completion, CancellationTokenSource Timeout);
}
