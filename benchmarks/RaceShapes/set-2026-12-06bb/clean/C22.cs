namespace Blind54.DriveIn.Concessions;

/// <summary>
/// Tracks snack orders being prepared at the drive-in's concession stand so that closing
/// time can wait for them. Orders arrive from the car-side ordering app on request threads;
/// the closing routine calls <see cref="BeginShutdownAsync"/>.
/// </summary>
public sealed class ConcessionShutdownGate
{
    private const int ClosingFlag = 1 << 30;

    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <summary>Registers an order; returns false once closing has begun.</summary>
    public bool TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            if ((current & ClosingFlag) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _state, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Exit()
    {
        var after = Interlocked.Decrement(ref _state);
        if (after == ClosingFlag)
        {
            _drained.TrySetResult();
        }
    }

    public Task BeginShutdownAsync()
    {
        var after = Interlocked.Or(ref _state, ClosingFlag) | ClosingFlag;
        if (after == ClosingFlag)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }

    public int InProgress => Volatile.Read(ref _state) & ~ClosingFlag;
}

/// <summary>Endpoint logic for placing a snack order from a car.</summary>
public sealed class SnackOrderHandler
{
    private readonly ConcessionShutdownGate _gate;
    private readonly Func<string, int, CancellationToken, Task> _kitchen;

    public SnackOrderHandler(ConcessionShutdownGate gate, Func<string, int, CancellationToken, Task> kitchen)
    {
        _gate = gate;
        _kitchen = kitchen;
    }

    public async Task<bool> PlaceAsync(string item, int bay, CancellationToken ct)
    {
        if (!_gate.TryEnter())
        {
            return false;
        }

        try
        {
            await _kitchen(item, bay, ct);
            return true;
        }
        finally
        {
            _gate.Exit();
        }
    }

    public static async Task CloseForTheNightAsync(ConcessionShutdownGate gate, TimeSpan grace)
    {
        var drained = gate.BeginShutdownAsync();
        await Task.WhenAny(drained, Task.Delay(grace));
    }
}
