using System.Text;
using System.Text.Json;

namespace Blind.R04;

public interface IMessageFormatter
{
    string ContentType { get; }

    byte[] Format(object payload);
}

public sealed class JsonMessageFormatter : IMessageFormatter
{
    public string ContentType => "application/json";

    public byte[] Format(object payload) => JsonSerializer.SerializeToUtf8Bytes(payload);
}

public sealed class PlainTextMessageFormatter : IMessageFormatter
{
    public string ContentType => "text/plain";

    public byte[] Format(object payload) => Encoding.UTF8.GetBytes(payload.ToString() ?? string.Empty);
}

/// <summary>
/// Process-wide registry of message formatters, keyed by content type.
/// </summary>
public sealed class FormatterRegistry
{
    private static FormatterRegistry? _default;

    private readonly object _gate = new();
    private readonly Dictionary<string, IMessageFormatter> _formatters = new(StringComparer.OrdinalIgnoreCase);

    public static FormatterRegistry Default => _default ??= new FormatterRegistry();

    public void Register(IMessageFormatter formatter)
    {
        lock (_gate)
        {
            _formatters[formatter.ContentType] = formatter;
        }
    }

    public bool TryGet(string contentType, out IMessageFormatter? formatter)
    {
        lock (_gate)
        {
            return _formatters.TryGetValue(contentType, out formatter);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _formatters.Count;
            }
        }
    }
}

/// <summary>
/// Discovers formatter plug-ins at startup. Plug-in factories can be slow (they
/// load assemblies and schemas), so they are run in parallel.
/// </summary>
public static class FormatterBootstrapper
{
    public static int RegisterAll(IEnumerable<Func<IMessageFormatter>> factories)
    {
        Parallel.ForEach(factories, factory =>
        {
            var formatter = factory();
            FormatterRegistry.Default.Register(formatter);
        });

        return FormatterRegistry.Default.Count;
    }
}
