using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.BalloonRides.Inflation;

/// <summary>
/// Coordinates cold-inflation fans across the launch field. Crew chiefs start inflations
/// from their radios; the launch director can abort every inflation at once when the
/// wind picks up. One instance per launch field.
/// </summary>
public sealed class InflationCoordinator
{
    private readonly object _gate = new();
    private CancellationTokenSource _abortCts = new();
    private int _inflating;
    private long _aborts;

    public int Inflating => Volatile.Read(ref _inflating);

    public long Aborts => Interlocked.Read(ref _aborts);

    /// <summary>Runs the fan for the given time; returns false if the director aborted.</summary>
    public async Task<bool> InflateAsync(string envelope, TimeSpan fanTime)
    {
        CancellationToken abort;
        lock (_gate)
        {
            abort = _abortCts.Token;
        }

        Interlocked.Increment(ref _inflating);
        try
        {
            await Task.Delay(fanTime, abort).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _inflating);
        }
    }

    public void AbortAll()
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            previous = _abortCts;
            _abortCts = new CancellationTokenSource();
        }

        Interlocked.Increment(ref _aborts);
        previous.Cancel();
        previous.Dispose();
    }
}
