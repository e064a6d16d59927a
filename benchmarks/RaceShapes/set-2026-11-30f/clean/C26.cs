using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Docs.OpenApi;

/// <summary>
/// Serves the generated API description documents. Registered as a singleton;
/// the documents never change after the application starts, so each one is
/// generated once and the same string is returned to every request.
/// </summary>
public sealed class ApiDocumentProvider
{
    private readonly IReadOnlyList<Type> _controllers;
    private readonly ConcurrentDictionary<string, string> _documents = new(StringComparer.OrdinalIgnoreCase);
    private string? _index;

    public ApiDocumentProvider(IEnumerable<Type> controllers)
    {
        _controllers = controllers.ToArray();
    }

    public string GetIndex() =>
        LazyInitializer.EnsureInitialized(ref _index, () => JsonSerializer.Serialize(new
        {
            documents = _controllers.Select(GroupOf).Distinct().OrderBy(g => g).ToArray(),
        }));

    public string GetDocument(string group) =>
        _documents.GetOrAdd(group, static (g, self) => self.Generate(g), this);

    private string Generate(string group)
    {
        var operations = _controllers
            .Where(c => string.Equals(GroupOf(c), group, StringComparison.OrdinalIgnoreCase))
            .SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => new
            {
                operationId = m.DeclaringType!.Name + "_" + m.Name,
                parameters = m.GetParameters().Select(p => new { name = p.Name, type = p.ParameterType.Name }),
                returns = m.ReturnType.Name,
            })
            .ToArray();

        return JsonSerializer.Serialize(new { group, operations });
    }

    private static string GroupOf(Type controller)
    {
        var name = controller.Name;
        return name.EndsWith("Controller", StringComparison.Ordinal) ? name[..^"Controller".Length].ToLowerInvariant() : name.ToLowerInvariant();
    }
}
