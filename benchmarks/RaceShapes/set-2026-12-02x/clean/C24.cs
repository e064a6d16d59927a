namespace Blind24.LanternFestival;

public sealed record LaunchClearance(string Zone, DateTimeOffset GrantedAt, string Controller);

/// <summary>
/// Waits for air traffic clearance before a sky lantern launch wave. Clearances
/// arrive from the radio gateway thread; launch coordinators await them with a
/// cancellation token that may be cancelled by the safety officer.
/// </summary>
public sealed class ClearanceBroker
{
    private readonly object _sync = new();
    private readonly Dictionary<string, TaskCompletionSource<LaunchClearance>> _waiting = new();

    public async Task<LaunchClearance> WaitForClearanceAsync(string zone, CancellationToken ct)
    {
        TaskCompletionSource<LaunchClearance> tcs;
        lock (_sync)
        {
            if (_waiting.ContainsKey(zone))
            {
                throw new InvalidOperationException($"A launch wave is already waiting for zone {zone}.");
            }

            tcs = new TaskCompletionSource<LaunchClearance>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[zone] = tcs;
        }

        using (ct.Register(static state => ((TaskCompletionSource<LaunchClearance>)state!).TrySetCanceled(), tcs))
        {
            try
            {
                return await tcs.Task.ConfigureAwait(false);
            }
            finally
            {
                lock (_sync)
                {
                    if (_waiting.TryGetValue(zone, out var current) && current == tcs)
                    {
                        _waiting.Remove(zone);
                    }
                }
            }
        }
    }

    /// <summary>Called by the radio gateway when a controller grants a zone.</summary>
    public bool Grant(string zone, string controller)
    {
        TaskCompletionSource<LaunchClearance>? tcs;
        lock (_sync)
        {
            if (!_waiting.Remove(zone, out tcs))
            {
                return false;
            }
        }

        return tcs.TrySetResult(new LaunchClearance(zone, DateTimeOffset.UtcNow, controller));
    }
}

/// <summary>Coordinates one launch wave.</summary>
public sealed class LaunchWave
{
    private readonly ClearanceBroker _broker;

    public LaunchWave(ClearanceBroker broker) => _broker = broker;

    public async Task<string> RunAsync(string zone, int lanterns, TimeSpan maxWait, CancellationToken safetyStop)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(safetyStop);
        cts.CancelAfter(maxWait);
        try
        {
            var clearance = await _broker.WaitForClearanceAsync(zone, cts.Token);
            return $"{lanterns} lanterns released over {zone} (cleared by {clearance.Controller} at {clearance.GrantedAt:HH:mm})";
        }
        catch (OperationCanceledException)
        {
            return $"Wave over {zone} stood down";
        }
    }
}
