namespace Blind58.LidoLanes;

public enum SessionOutcome { Finished, TimedOut, Cancelled }

/// <summary>
/// Lane status board shown above the lido's lanes and on the lifeguard console.
/// Updated from many sessions at once.
/// </summary>
public sealed class LaneBoard
{
    private readonly object _sync = new();
    private readonly string?[] _occupants;
    private readonly string?[] _flags;

    public LaneBoard(int lanes)
    {
        _occupants = new string?[lanes];
        _flags = new string?[lanes];
    }

    public void Occupy(int lane, string swimmer)
    {
        lock (_sync)
        {
            _occupants[lane] = swimmer;
            _flags[lane] = null;
        }
    }

    public void Flag(int lane, string message)
    {
        lock (_sync) _flags[lane] = message;
    }

    public void Free(int lane)
    {
        lock (_sync)
        {
            _occupants[lane] = null;
            _flags[lane] = null;
        }
    }

    public IReadOnlyList<(int Lane, string? Swimmer, string? Flag)> Snapshot()
    {
        lock (_sync)
        {
            return Enumerable.Range(0, _occupants.Length).Select(i => (i + 1, _occupants[i], _flags[i])).ToList();
        }
    }
}

/// <summary>Runs one booked lane swim, ending it when the booked time is up.</summary>
public sealed class LaneSessionRunner
{
    private readonly LaneBoard _board;

    public LaneSessionRunner(LaneBoard board) => _board = board;

    public async Task<SessionOutcome> RunAsync(string swimmer, int lane, TimeSpan booked, Func<CancellationToken, Task> swim, CancellationToken cancellationToken)
    {
        _board.Occupy(lane, swimmer);
        bool timeUp = false;

        using var sessionCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        sessionCts.CancelAfter(booked);
        var registration = sessionCts.Token.Register(() =>
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                timeUp = true;
                _board.Flag(lane, "time up");
            }
        });

        try
        {
            await swim(sessionCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (sessionCts.IsCancellationRequested)
        {
        }
        finally
        {
            registration.Dispose();
            _board.Free(lane);
        }

        if (timeUp) return SessionOutcome.TimedOut;
        return cancellationToken.IsCancellationRequested ? SessionOutcome.Cancelled : SessionOutcome.Finished;
    }
}
