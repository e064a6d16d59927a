namespace Blind51.LighthouseMuseums.Exhibits;

/// <summary>
/// A plug-in that renders an interactive exhibit panel (lens rotation, fog signal sounds,
/// keeper's logbook).
/// </summary>
public interface IExhibitPlugin
{
    string Name { get; }
    string Render(string visitorLanguage);
}

/// <summary>
/// Registry of exhibit plug-ins for the museum's kiosks. Plug-ins are discovered and
/// registered at any time (the curator can drop in new ones), while kiosks enumerate the
/// registry for every visitor. Each plug-in is constructed on first use.
/// </summary>
public sealed class ExhibitPluginRegistry
{
    private readonly object _registerLock = new();
    private Lazy<IExhibitPlugin>[] _plugins = Array.Empty<Lazy<IExhibitPlugin>>();
    private string[] _names = Array.Empty<string>();

    public void Register(string name, Func<IExhibitPlugin> factory)
    {
        lock (_registerLock)
        {
            if (Array.IndexOf(_names, name) >= 0)
                throw new InvalidOperationException($"An exhibit named '{name}' is already registered.");

            var lazy = new Lazy<IExhibitPlugin>(factory, LazyThreadSafetyMode.ExecutionAndPublication);
            var plugins = new Lazy<IExhibitPlugin>[_plugins.Length + 1];
            Array.Copy(_plugins, plugins, _plugins.Length);
            plugins[^1] = lazy;

            var names = new string[_names.Length + 1];
            Array.Copy(_names, names, _names.Length);
            names[^1] = name;

            Volatile.Write(ref _names, names);
            Volatile.Write(ref _plugins, plugins);
        }
    }

    public IEnumerable<IExhibitPlugin> All()
    {
        var plugins = Volatile.Read(ref _plugins);
        foreach (var lazy in plugins)
            yield return lazy.Value;
    }

    public int Count => Volatile.Read(ref _plugins).Length;
}

/// <summary>
/// Renders the exhibit list on a kiosk for the visitor's language.
/// </summary>
public sealed class KioskPage
{
    private static readonly Lazy<string> s_footer = new(() => $"Lighthouse Museum kiosk - build {Environment.Version}");
    private readonly ExhibitPluginRegistry _registry;

    public KioskPage(ExhibitPluginRegistry registry) => _registry = registry;

    public string Render(string language)
    {
        var panels = _registry.All().Select(p =>
        {
            try
            {
                return $"<section data-exhibit=\"{p.Name}\">{p.Render(language)}</section>";
            }
            catch (Exception ex)
            {
                return $"<section class=\"error\">{p.Name}: {ex.Message}</section>";
            }
        });

        return string.Join(Environment.NewLine, panels) + Environment.NewLine + s_footer.Value;
    }
}
