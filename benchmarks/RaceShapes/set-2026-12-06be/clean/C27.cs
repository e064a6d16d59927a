namespace Blind57.CiderPress.Hydraulics;

public sealed class PressFaultException : Exception
{
    public PressFaultException(string line) : base($"Press reported a fault: {line}") { }
}

/// <summary>
/// One-shot signal raised when the cider press's hydraulic ram reports that it is up to pressure.
/// Serial lines are fed in from the port reader thread; any number of callers may wait.
/// </summary>
public sealed class PressReadySignal
{
    private readonly TaskCompletionSource<DateTimeOffset> _ready =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Called by the serial reader for every line the press controller sends.</summary>
    public void OnSerialLine(string line)
    {
        if (line.StartsWith("READY", StringComparison.Ordinal))
        {
            _ready.TrySetResult(DateTimeOffset.UtcNow);
        }
        else if (line.StartsWith("FAULT", StringComparison.Ordinal))
        {
            _ready.TrySetException(new PressFaultException(line));
        }
    }

    public async Task<DateTimeOffset> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = ct.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled);
        using var delayCts = new CancellationTokenSource();
        var delay = Task.Delay(timeout, delayCts.Token);

        var winner = await Task.WhenAny(_ready.Task, delay, cancelled.Task);
        delayCts.Cancel();

        if (winner == _ready.Task) return await _ready.Task;
        if (winner == cancelled.Task) throw new OperationCanceledException(ct);
        throw new TimeoutException($"Press not ready after {timeout.TotalSeconds:F0}s");
    }
}

/// <summary>Runs one pressing of a cheese of pomace once the ram is ready.</summary>
public sealed class PressingCycle
{
    private readonly PressReadySignal _signal;
    private readonly Func<CancellationToken, Task<double>> _press;

    public PressingCycle(PressReadySignal signal, Func<CancellationToken, Task<double>> press)
    {
        _signal = signal;
        _press = press;
    }

    public async Task<double?> RunAsync(CancellationToken ct)
    {
        try
        {
            await _signal.WaitAsync(TimeSpan.FromMinutes(2), ct);
        }
        catch (TimeoutException)
        {
            return null;
        }

        return await _press(ct);
    }
}
