using System.Text.Json;

namespace Blind40.LighthouseKeepers.Schedules;

public sealed class LightCharacteristic
{
    public LightCharacteristic(string station, string pattern, double periodSeconds, IReadOnlyList<double> flashes)
    {
        Station = station;
        Pattern = pattern;
        PeriodSeconds = periodSeconds;
        Flashes = flashes;
    }

    public string Station { get; }
    public string Pattern { get; }
    public double PeriodSeconds { get; }
    public IReadOnlyList<double> Flashes { get; }
}

/// <summary>
/// Holds the current light characteristics (e.g. "Fl(3) W 15s") for every
/// station. The lamp sequencers read it on every rotation; an operator can
/// reload it from disk at any time.
/// </summary>
public sealed class CharacteristicRegistry
{
    private IReadOnlyDictionary<string, LightCharacteristic> _current =
        new Dictionary<string, LightCharacteristic>(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public LightCharacteristic? Find(string station)
    {
        var map = Volatile.Read(ref _current);
        return map.TryGetValue(station, out var c) ? c : null;
    }

    public IReadOnlyCollection<string> Stations => Volatile.Read(ref _current).Keys.ToArray();

    public async Task ReloadAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var entries = await JsonSerializer.DeserializeAsync<List<Entry>>(stream, cancellationToken: ct).ConfigureAwait(false)
            ?? new List<Entry>();

        var map = new Dictionary<string, LightCharacteristic>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
        {
            map[e.Station] = new LightCharacteristic(e.Station, e.Pattern, e.PeriodSeconds, e.Flashes.ToArray());
        }

        Volatile.Write(ref _current, map);
        Interlocked.Increment(ref _version);
    }

    private sealed class Entry
    {
        public string Station { get; set; } = "";
        public string Pattern { get; set; } = "";
        public double PeriodSeconds { get; set; }
        public List<double> Flashes { get; set; } = new();
    }
}

/// <summary>Drives one lamp; runs on its own thread for the life of the station.</summary>
public sealed class LampSequencer
{
    private readonly CharacteristicRegistry _registry;
    private readonly string _station;

    public LampSequencer(CharacteristicRegistry registry, string station)
    {
        _registry = registry;
        _station = station;
    }

    public async Task RunAsync(Action<bool> setLamp, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var c = _registry.Find(_station);
            if (c is null)
            {
                await Task.Delay(1000, ct).ConfigureAwait(false);
                continue;
            }

            double used = 0;
            foreach (var flash in c.Flashes)
            {
                setLamp(true);
                await Task.Delay(TimeSpan.FromSeconds(flash), ct).ConfigureAwait(false);
                setLamp(false);
                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                used += flash + 1;
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, c.PeriodSeconds - used)), ct).ConfigureAwait(false);
        }
    }
}
