using System.Collections.Concurrent;

namespace Blind46.Tapestry.DyeLots;

public sealed record DyeLot(string LotCode, string Colour, double WeightKg, DateOnly Dyed);

public interface IDyeHouseClient
{
    Task<DyeLot> LookupAsync(string lotCode, CancellationToken ct);
}

/// <summary>
/// Shares one dye-house lookup among all callers asking for the same lot at
/// the same time. Registered as a singleton in the weaving studio's planner.
/// </summary>
public sealed class DyeLotLookup
{
    private readonly ConcurrentDictionary<string, Lazy<Task<DyeLot>>> _inflight = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDyeHouseClient _client;
    private long _remoteCalls;

    public DyeLotLookup(IDyeHouseClient client) => _client = client;

    public long RemoteCalls => Interlocked.Read(ref _remoteCalls);

    public Task<DyeLot> GetAsync(string lotCode)
    {
        var lazy = _inflight.GetOrAdd(lotCode, code => new Lazy<Task<DyeLot>>(
            () => FetchAsync(code),
            LazyThreadSafetyMode.ExecutionAndPublication));

        var task = lazy.Value;
        if (task.IsCompleted)
            _inflight.TryRemove(new KeyValuePair<string, Lazy<Task<DyeLot>>>(lotCode, lazy));
        else
            _ = task.ContinueWith(
                static (_, state) =>
                {
                    var (map, key, value) = ((ConcurrentDictionary<string, Lazy<Task<DyeLot>>>, string, Lazy<Task<DyeLot>>))state!;
                    map.TryRemove(new KeyValuePair<string, Lazy<Task<DyeLot>>>(key, value));
                },
                (_inflight, lotCode, lazy),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);

        return task;
    }

    private async Task<DyeLot> FetchAsync(string lotCode)
    {
        Interlocked.Increment(ref _remoteCalls);
        await Task.Yield();
        return await _client.LookupAsync(lotCode, CancellationToken.None).ConfigureAwait(false);
    }
}

public sealed class LoomPlanner
{
    private readonly DyeLotLookup _lookup;

    public LoomPlanner(DyeLotLookup lookup) => _lookup = lookup;

    public async Task<double> TotalWeftKgAsync(IEnumerable<string> lots)
    {
        var results = await Task.WhenAll(lots.Select(_lookup.GetAsync)).ConfigureAwait(false);
        return results.Sum(l => l.WeightKg);
    }
}
