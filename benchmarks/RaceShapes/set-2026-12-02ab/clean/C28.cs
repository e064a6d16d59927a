using System.Collections.Immutable;

namespace Blind28.HopFarm.Plugins;

public interface IHarvestPlugin
{
    string Name { get; }
    Version Version { get; }
    void OnBineCut(string field, string variety, double kilograms);
}

/// <summary>
/// Registry of harvest plugins (yield forecasting, picker payroll, brewery pre-orders).
/// Plugins are loaded and unloaded at runtime while the picking lines keep calling
/// <see cref="Broadcast"/> from their own threads.
/// </summary>
public sealed class HarvestPluginRegistry
{
    private ImmutableDictionary<string, IHarvestPlugin> _plugins =
        ImmutableDictionary.Create<string, IHarvestPlugin>(StringComparer.OrdinalIgnoreCase);

    private long _broadcasts;

    public bool Register(IHarvestPlugin plugin)
    {
        var stored = ImmutableInterlocked.AddOrUpdate(
            ref _plugins,
            plugin.Name,
            plugin,
            (_, existing) => existing.Version >= plugin.Version ? existing : plugin);
        return ReferenceEquals(stored, plugin);
    }

    public bool Unregister(string name) => ImmutableInterlocked.TryRemove(ref _plugins, name, out _);

    public IReadOnlyCollection<string> Names => Volatile.Read(ref _plugins).Keys.ToList();

    public long Broadcasts => Interlocked.Read(ref _broadcasts);

    public int Broadcast(string field, string variety, double kilograms)
    {
        var plugins = Volatile.Read(ref _plugins);
        var failures = 0;
        foreach (var plugin in plugins.Values)
        {
            try
            {
                plugin.OnBineCut(field, variety, kilograms);
            }
            catch (Exception)
            {
                failures++;
            }
        }

        Interlocked.Increment(ref _broadcasts);
        return failures;
    }
}
