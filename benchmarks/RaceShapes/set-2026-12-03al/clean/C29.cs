using System.Reflection;

namespace Blind38.MapEngraving.Plugins;

public interface ISymbolEngraver
{
    string SymbolCode { get; }
    IReadOnlyList<(double X, double Y)> Strokes(double sizeMm);
}

public sealed record EngraverPlugin(string Name, Version Version, ISymbolEngraver Engraver, DateTime LoadedUtc);

/// <summary>
/// Registry of symbol engravers (churches, windmills, triangulation points...) loaded from
/// plugin assemblies at runtime. The plate renderer looks symbols up from many worker
/// threads while the admin page may load new plugins at any time.
/// </summary>
public sealed class SymbolEngraverRegistry
{
    private readonly object _writeLock = new();
    private EngraverPlugin[] _plugins = Array.Empty<EngraverPlugin>();
    private Dictionary<string, EngraverPlugin> _byCode = new(StringComparer.Ordinal);

    public IReadOnlyList<EngraverPlugin> Plugins => Volatile.Read(ref _plugins);

    public ISymbolEngraver? Find(string symbolCode)
    {
        var byCode = Volatile.Read(ref _byCode);
        return byCode.TryGetValue(symbolCode, out var plugin) ? plugin.Engraver : null;
    }

    public int LoadFrom(string assemblyPath)
    {
        var assembly = Assembly.LoadFrom(assemblyPath);
        var discovered = assembly.GetExportedTypes()
            .Where(t => typeof(ISymbolEngraver).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ISymbolEngraver)Activator.CreateInstance(t)!)
            .Select(e => new EngraverPlugin(e.GetType().FullName!, assembly.GetName().Version ?? new Version(0, 0), e, DateTime.UtcNow))
            .ToList();

        return Register(discovered);
    }

    public int Register(IEnumerable<EngraverPlugin> plugins)
    {
        lock (_writeLock)
        {
            var list = new List<EngraverPlugin>(_plugins);
            var byCode = new Dictionary<string, EngraverPlugin>(_byCode, StringComparer.Ordinal);
            var added = 0;
            foreach (var plugin in plugins)
            {
                if (byCode.TryGetValue(plugin.Engraver.SymbolCode, out var existing) && existing.Version >= plugin.Version)
                {
                    continue;
                }

                if (existing is not null)
                {
                    list.Remove(existing);
                }

                list.Add(plugin);
                byCode[plugin.Engraver.SymbolCode] = plugin;
                added++;
            }

            Volatile.Write(ref _byCode, byCode);
            Volatile.Write(ref _plugins, list.ToArray());
            return added;
        }
    }

    public bool Unregister(string symbolCode)
    {
        lock (_writeLock)
        {
            if (!_byCode.TryGetValue(symbolCode, out var existing))
            {
                return false;
            }

            var byCode = new Dictionary<string, EngraverPlugin>(_byCode, StringComparer.Ordinal);
            byCode.Remove(symbolCode);
            Volatile.Write(ref _plugins, _plugins.Where(p => !ReferenceEquals(p, existing)).ToArray());
            Volatile.Write(ref _byCode, byCode);
            return true;
        }
    }
}
