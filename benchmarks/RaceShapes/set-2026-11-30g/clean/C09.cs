using System.Reflection;

namespace Docs.Pipeline.Plugins;

public interface IMarkdownExtension
{
    string Name { get; }
    int Priority { get; }
    string Apply(string markdown);
}

/// <summary>
/// Finds markdown extensions in the configured assemblies the first time they are
/// needed. Singleton; every page render reads the extension list.
/// </summary>
public sealed class MarkdownExtensionRegistry
{
    private readonly Lazy<IReadOnlyList<IMarkdownExtension>> _extensions;

    public MarkdownExtensionRegistry(IEnumerable<Assembly> assemblies)
    {
        var snapshot = assemblies.ToArray();
        _extensions = new Lazy<IReadOnlyList<IMarkdownExtension>>(
            () => Discover(snapshot),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<IMarkdownExtension> Extensions => _extensions.Value;

    public string Render(string markdown)
    {
        foreach (var extension in Extensions)
            markdown = extension.Apply(markdown);

        return markdown;
    }

    private static IReadOnlyList<IMarkdownExtension> Discover(Assembly[] assemblies)
    {
        var found = new List<IMarkdownExtension>();

        foreach (var assembly in assemblies)
        {
            IEnumerable<Type> types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                types = ex.Types.OfType<Type>();
            }

            foreach (var type in types)
            {
                if (type.IsAbstract || type.IsInterface || !typeof(IMarkdownExtension).IsAssignableFrom(type))
                    continue;

                if (type.GetConstructor(Type.EmptyTypes) is null)
                    continue;

                found.Add((IMarkdownExtension)Activator.CreateInstance(type)!);
            }
        }

        return found.OrderByDescending(e => e.Priority).ThenBy(e => e.Name).ToArray();
    }
}
