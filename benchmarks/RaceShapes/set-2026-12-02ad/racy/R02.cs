using System.Collections.Concurrent;

namespace Blind30.HarbourTugs;

/// <summary>A request from the harbour master for a tug to assist a vessel.</summary>
public sealed class TowRequest
{
    public TowRequest(string vesselName, TimeSpan estimatedDuration)
    {
        VesselName = vesselName;
        EstimatedDuration = estimatedDuration;
    }

    public string VesselName { get; }
    public TimeSpan EstimatedDuration { get; }
    public TaskCompletionSource<bool> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Hands tow requests to the tug fleet, never exceeding the number of tugs on duty.
/// Requests arrive from the VHF logging service and the berth planner at the same time.
/// </summary>
public sealed class TugDispatcher
{
    private readonly ConcurrentQueue<TowRequest> _waiting = new();
    private readonly int _fleetSize;
    private int _busy;

    public TugDispatcher(int fleetSize)
    {
        _fleetSize = fleetSize;
    }

    public int BusyTugs => Volatile.Read(ref _busy);

    public int Waiting => _waiting.Count;

    public Task<bool> RequestAsync(TowRequest request)
    {
        _waiting.Enqueue(request);
        TryDispatch();
        return request.Completion.Task;
    }

    private void TryDispatch()
    {
        while (true)
        {
            int busy = Volatile.Read(ref _busy);
            if (busy >= _fleetSize)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _busy, busy + 1, busy) != busy)
            {
                continue;
            }

            if (!_waiting.TryDequeue(out var request))
            {
                Interlocked.Decrement(ref _busy);
                return;
            }

            _ = RunTowAsync(request);
        }
    }

    private async Task RunTowAsync(TowRequest request)
    {
        try
        {
            // Stand-in for the tug's AIS track reporting the job as finished.
            await Task.Delay(request.EstimatedDuration).ConfigureAwait(false);
            request.Completion.TrySetResult(true);
        }
        catch (Exception ex)
        {
            request.Completion.TrySetException(ex);
        }
        finally
        {
            _busy--;
            TryDispatch();
        }
    }
}
