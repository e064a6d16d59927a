namespace Blind42.Carillon.Tower;

/// <summary>
/// The tower clock's quarter-strike sensor. Handlers are registered and removed from any
/// thread; strikes are raised from the sensor's polling thread.
/// </summary>
public sealed class TowerClockSensor
{
    private readonly object _handlersLock = new();
    private Action<int>? _quarterStruck;

    public event Action<int> QuarterStruck
    {
        add { lock (_handlersLock) _quarterStruck += value; }
        remove { lock (_handlersLock) _quarterStruck -= value; }
    }

    /// <summary>Called by the sensor polling thread when the clock strikes a quarter.</summary>
    public void OnStrike(int quarter)
    {
        Action<int>? handlers;
        lock (_handlersLock)
        {
            handlers = _quarterStruck;
        }
        handlers?.Invoke(quarter);
    }
}

/// <summary>Lets a carillonneur's recital wait for a particular quarter before starting.</summary>
public sealed class RecitalCue
{
    private readonly TowerClockSensor _sensor;

    public RecitalCue(TowerClockSensor sensor) => _sensor = sensor;

    public async Task<bool> WaitForQuarterAsync(int quarter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        void OnQuarter(int q)
        {
            if (q == quarter)
            {
                tcs.TrySetResult(true);
            }
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);

        _sensor.QuarterStruck += OnQuarter;
        try
        {
            using (timeoutCts.Token.Register(() => tcs.TrySetResult(false)))
            {
                var struck = await tcs.Task.ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return struck;
            }
        }
        finally
        {
            _sensor.QuarterStruck -= OnQuarter;
        }
    }
}

/// <summary>Runs a short programme of pieces, each cued on the next quarter.</summary>
public static class RecitalProgramme
{
    public static async Task<int> PlayAsync(RecitalCue cue, IReadOnlyList<(string Piece, int Quarter)> pieces, Func<string, Task> play, CancellationToken cancellationToken)
    {
        var played = 0;
        foreach (var (piece, quarter) in pieces)
        {
            if (!await cue.WaitForQuarterAsync(quarter, TimeSpan.FromMinutes(20), cancellationToken))
            {
                continue;
            }

            await play(piece);
            played++;
        }
        return played;
    }
}
