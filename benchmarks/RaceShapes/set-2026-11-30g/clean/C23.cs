using System.Text.RegularExpressions;

namespace Notifications.Templates;

public sealed class CompiledTemplate
{
    private static readonly Regex Placeholder = new(@"\{\{\s*(?<name>[A-Za-z0-9_.]+)\s*\}\}", RegexOptions.Compiled);

    private readonly string _source;

    public CompiledTemplate(string source)
    {
        _source = source;
        Placeholders = Placeholder.Matches(source).Select(m => m.Groups["name"].Value).Distinct().ToArray();
    }

    public IReadOnlyList<string> Placeholders { get; }

    public string Render(IReadOnlyDictionary<string, string> values) =>
        Placeholder.Replace(_source, m => values.TryGetValue(m.Groups["name"].Value, out var v) ? v : string.Empty);
}

/// <summary>
/// Email template provider. Singleton; templates are read from disk the first time any
/// email is rendered.
/// </summary>
public sealed class EmailTemplateProvider
{
    private readonly string _directory;
    private IReadOnlyDictionary<string, CompiledTemplate>? _templates;
    private object? _initLock;
    private bool _initialized;

    public EmailTemplateProvider(string directory) => _directory = directory;

    public string Render(string templateName, IReadOnlyDictionary<string, string> values)
    {
        var templates = LazyInitializer.EnsureInitialized(ref _templates, ref _initialized, ref _initLock, LoadTemplates)!;

        if (!templates.TryGetValue(templateName, out var template))
            throw new KeyNotFoundException($"No email template named '{templateName}' in {_directory}.");

        var missing = template.Placeholders.Where(p => !values.ContainsKey(p)).ToList();
        if (missing.Count > 0)
            Console.Error.WriteLine($"Template '{templateName}' rendered without: {string.Join(", ", missing)}");

        return template.Render(values);
    }

    private IReadOnlyDictionary<string, CompiledTemplate> LoadTemplates()
    {
        var result = new Dictionary<string, CompiledTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(_directory, "*.html"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            result[name] = new CompiledTemplate(File.ReadAllText(file));
        }

        return result;
    }
}
