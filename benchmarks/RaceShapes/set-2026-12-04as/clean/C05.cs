using System.Collections.Immutable;

namespace Blind45.Lighthouse.Characteristics;

/// <summary>Published light characteristic, e.g. "Fl(3) W 15s".</summary>
public sealed record LightCharacteristic(string StationId, string Pattern, string Colour, TimeSpan Period, int RangeNm);

public interface ICharacteristicSource
{
    Task<IReadOnlyList<LightCharacteristic>> LoadAsync(CancellationToken ct);
}

/// <summary>
/// Holds the authority's current list of light characteristics. Readers (chart export,
/// notices to mariners, the public API) call <see cref="Get"/> and <see cref="All"/> from
/// many threads; a reloader replaces the whole table when the source file changes.
/// </summary>
public sealed class CharacteristicsRegistry
{
    private ImmutableDictionary<string, LightCharacteristic> _table =
        ImmutableDictionary.Create<string, LightCharacteristic>(StringComparer.OrdinalIgnoreCase);
    private long _version;

    public LightCharacteristic? Get(string stationId) =>
        Volatile.Read(ref _table).TryGetValue(stationId, out var c) ? c : null;

    public IReadOnlyCollection<LightCharacteristic> All() => Volatile.Read(ref _table).Values.ToList();

    public long Version => Interlocked.Read(ref _version);

    public void Replace(IEnumerable<LightCharacteristic> characteristics)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, LightCharacteristic>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in characteristics)
        {
            builder[c.StationId] = c;
        }

        Interlocked.Exchange(ref _table, builder.ToImmutable());
        Interlocked.Increment(ref _version);
    }

    /// <summary>Temporary change announced in a notice, e.g. a reduced range during lamp repair.</summary>
    public void Override(LightCharacteristic temporary) =>
        ImmutableInterlocked.AddOrUpdate(ref _table, temporary.StationId, temporary, (_, _) => temporary);
}

/// <summary>Reloads the registry whenever the characteristics file is rewritten.</summary>
public sealed class CharacteristicsReloader : IDisposable
{
    private readonly CharacteristicsRegistry _registry;
    private readonly ICharacteristicSource _source;
    private readonly FileSystemWatcher _watcher;
    private readonly SemaphoreSlim _reloading = new(1, 1);

    public CharacteristicsReloader(CharacteristicsRegistry registry, ICharacteristicSource source, string directory, string fileName)
    {
        _registry = registry;
        _source = source;
        _watcher = new FileSystemWatcher(directory, fileName) { NotifyFilter = NotifyFilters.LastWrite };
        _watcher.Changed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    private async void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (!await _reloading.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await Task.Delay(500).ConfigureAwait(false);
            var loaded = await _source.LoadAsync(CancellationToken.None).ConfigureAwait(false);
            _registry.Replace(loaded);
        }
        catch (IOException)
        {
            // The editor is still writing; the next change event retries.
        }
        finally
        {
            _reloading.Release();
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Changed -= OnChanged;
        _watcher.Dispose();
    }
}
