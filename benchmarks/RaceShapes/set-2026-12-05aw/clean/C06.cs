using System.Collections.Concurrent;

namespace TaxiDispatch.Eta;

public readonly record struct EtaKey(string DriverId, string PickupZone);

public sealed record EtaEstimate(EtaKey Key, TimeSpan Eta, DateTime ComputedUtc);

public interface IRoutingEngine
{
    Task<EtaEstimate> EstimateAsync(EtaKey key, CancellationToken ct);
}

/// <summary>
/// Coalesces concurrent ETA lookups: callers asking for the same driver and pickup zone
/// while a lookup is in progress share its result. Used by all dispatcher consoles.
/// </summary>
public sealed class EtaCoalescer
{
    private readonly ConcurrentDictionary<EtaKey, TaskCompletionSource<EtaEstimate>> _inflight = new();
    private readonly IRoutingEngine _routing;
    private readonly TimeSpan _timeout;

    public EtaCoalescer(IRoutingEngine routing, TimeSpan timeout)
    {
        _routing = routing;
        _timeout = timeout;
    }

    public async Task<EtaEstimate?> GetEtaAsync(EtaKey key, CancellationToken ct)
    {
        var fresh = new TaskCompletionSource<EtaEstimate>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _inflight.GetOrAdd(key, fresh);
        if (ReferenceEquals(shared, fresh))
        {
            _ = ComputeAsync(key, fresh);
        }

        var delay = Task.Delay(_timeout, ct);
        var winner = await Task.WhenAny(shared.Task, delay).ConfigureAwait(false);
        if (winner != shared.Task)
        {
            ct.ThrowIfCancellationRequested();
            return null;
        }
        return await shared.Task.ConfigureAwait(false);
    }

    private async Task ComputeAsync(EtaKey key, TaskCompletionSource<EtaEstimate> tcs)
    {
        try
        {
            var estimate = await _routing.EstimateAsync(key, CancellationToken.None).ConfigureAwait(false);
            tcs.TrySetResult(estimate);
        }
        catch (Exception ex)
        {
            tcs.TrySetException(ex);
        }
        finally
        {
            // Remove only our own entry so a newer lookup for the same key is left alone.
            _inflight.TryRemove(new KeyValuePair<EtaKey, TaskCompletionSource<EtaEstimate>>(key, tcs));
        }
    }

    public int InflightCount => _inflight.Count;
}

/// <summary>Picks the driver with the smallest ETA for a pickup.</summary>
public sealed class NearestDriverPicker
{
    private readonly EtaCoalescer _eta;

    public NearestDriverPicker(EtaCoalescer eta) => _eta = eta;

    public async Task<string?> PickAsync(string pickupZone, IEnumerable<string> driverIds, CancellationToken ct)
    {
        var lookups = driverIds.Select(d => _eta.GetEtaAsync(new EtaKey(d, pickupZone), ct)).ToArray();
        var results = await Task.WhenAll(lookups);
        return results.Where(r => r is not null)
            .OrderBy(r => r!.Eta)
            .Select(r => r!.Key.DriverId)
            .FirstOrDefault();
    }
}
