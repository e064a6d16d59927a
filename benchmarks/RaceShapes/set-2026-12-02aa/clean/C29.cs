using System.Collections.Immutable;

namespace Blind27.Avalanche.Stations;

public sealed record WeatherStationConfig(string StationId, double ElevationMetres, TimeSpan PollInterval, bool Enabled);

/// <summary>
/// Holds the configuration of the remote snow-study weather stations. Shared by the
/// polling workers and the admin API.
/// </summary>
public sealed class StationConfigStore
{
    private ImmutableDictionary<string, WeatherStationConfig> _configs =
        ImmutableDictionary.Create<string, WeatherStationConfig>(StringComparer.OrdinalIgnoreCase);

    public ImmutableDictionary<string, WeatherStationConfig> Current => Volatile.Read(ref _configs);

    public void Upsert(WeatherStationConfig config)
    {
        while (true)
        {
            var current = Volatile.Read(ref _configs);
            var next = current.SetItem(config.StationId, config);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _configs, next, current), current))
            {
                return;
            }
        }
    }

    public bool Disable(string stationId)
    {
        while (true)
        {
            var current = Volatile.Read(ref _configs);
            if (!current.TryGetValue(stationId, out var existing) || !existing.Enabled)
            {
                return false;
            }

            var next = current.SetItem(stationId, existing with { Enabled = false });
            if (ReferenceEquals(Interlocked.CompareExchange(ref _configs, next, current), current))
            {
                return true;
            }
        }
    }
}

/// <summary>Polls every enabled station on its own schedule.</summary>
public sealed class StationPoller
{
    private readonly StationConfigStore _store;
    private readonly Func<string, CancellationToken, Task> _poll;

    public StationPoller(StationConfigStore store, Func<string, CancellationToken, Task> poll)
    {
        _store = store;
        _poll = poll;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var lastPolled = new Dictionary<string, DateTime>();
        while (!ct.IsCancellationRequested)
        {
            var snapshot = _store.Current;
            var due = snapshot.Values
                .Where(c => c.Enabled)
                .Where(c => !lastPolled.TryGetValue(c.StationId, out var last) || DateTime.UtcNow - last >= c.PollInterval)
                .ToList();

            await Parallel.ForEachAsync(due, ct, async (config, token) => await _poll(config.StationId, token));

            foreach (var config in due)
            {
                lastPolled[config.StationId] = DateTime.UtcNow;
            }

            await Task.Delay(TimeSpan.FromSeconds(10), ct);
        }
    }
}
