namespace Blind40.ClockTowers.Striking;

public sealed record StrikeCommand(string Bell, int Blows);

public interface IStrikeController
{
    /// <summary>Sends the command; the controller acknowledges through <see cref="StrikeService.OnAcknowledged"/>.</summary>
    void Send(long sequence, StrikeCommand command);
}

/// <summary>
/// Sends strike commands to the tower's hammer controller and waits for the
/// acknowledgement, which arrives on the serial port's reader thread.
/// Commands can be sent from the scheduler and from the manual panel at once.
/// </summary>
public sealed class StrikeService
{
    private readonly IStrikeController _controller;
    private readonly object _pendingLock = new();
    private readonly Dictionary<long, TaskCompletionSource<bool>> _pending = new();
    private long _nextSequence;

    public StrikeService(IStrikeController controller) => _controller = controller;

    public int PendingCount
    {
        get
        {
            lock (_pendingLock)
            {
                return _pending.Count;
            }
        }
    }

    public async Task<bool> StrikeAsync(StrikeCommand command, TimeSpan timeout, CancellationToken ct)
    {
        long sequence = Interlocked.Increment(ref _nextSequence);
        var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        lock (_pendingLock)
        {
            _pending.Add(sequence, tcs);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using (cts.Token.Register(() => tcs.TrySetResult(false)))
        {
            try
            {
                _controller.Send(sequence, command);
                return await tcs.Task.ConfigureAwait(false);
            }
            finally
            {
                lock (_pendingLock)
                {
                    _pending.Remove(sequence);
                }
            }
        }
    }

    /// <summary>Called on the serial reader thread when the controller acknowledges a command.</summary>
    public void OnAcknowledged(long sequence, bool success)
    {
        TaskCompletionSource<bool>? tcs;
        lock (_pendingLock)
        {
            _pending.Remove(sequence, out tcs);
        }

        tcs?.TrySetResult(success);
    }

    /// <summary>Fails every outstanding command, e.g. when the serial port is closed.</summary>
    public void FailAll()
    {
        TaskCompletionSource<bool>[] outstanding;
        lock (_pendingLock)
        {
            outstanding = _pending.Values.ToArray();
            _pending.Clear();
        }

        foreach (var tcs in outstanding)
        {
            tcs.TrySetResult(false);
        }
    }
}
