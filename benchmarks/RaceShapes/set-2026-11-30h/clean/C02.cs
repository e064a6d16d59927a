using System.Collections.Immutable;

namespace Blind8.Extensibility.Formatters;

public interface IMessageFormatter
{
    string ContentType { get; }
    string Format(object payload);
}

/// <summary>
/// Registry of payload formatters keyed by content type. Lookups happen on
/// every outgoing message; registrations are rare (startup and plugin
/// installation), so the map is replaced as a whole on each change.
/// </summary>
public sealed class FormatterRegistry
{
    private ImmutableDictionary<string, IMessageFormatter> _formatters =
        ImmutableDictionary.Create<string, IMessageFormatter>(StringComparer.OrdinalIgnoreCase);

    public void Register(IMessageFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);

        while (true)
        {
            var current = Volatile.Read(ref _formatters);
            if (current.ContainsKey(formatter.ContentType))
            {
                throw new InvalidOperationException($"A formatter for '{formatter.ContentType}' is already registered.");
            }

            var updated = current.Add(formatter.ContentType, formatter);
            if (Interlocked.CompareExchange(ref _formatters, updated, current) == current)
            {
                return;
            }
        }
    }

    public bool Unregister(string contentType)
    {
        while (true)
        {
            var current = Volatile.Read(ref _formatters);
            var updated = current.Remove(contentType);
            if (ReferenceEquals(updated, current))
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _formatters, updated, current) == current)
            {
                return true;
            }
        }
    }

    public bool TryResolve(string contentType, out IMessageFormatter? formatter)
    {
        return Volatile.Read(ref _formatters).TryGetValue(contentType, out formatter);
    }

    public IReadOnlyList<string> GetContentTypes()
    {
        var snapshot = Volatile.Read(ref _formatters);
        return snapshot.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToArray();
    }
}

public sealed class OutgoingMessageWriter
{
    private readonly FormatterRegistry _registry;

    public OutgoingMessageWriter(FormatterRegistry registry) => _registry = registry;

    public string Write(string contentType, object payload)
    {
        if (!_registry.TryResolve(contentType, out var formatter) || formatter is null)
        {
            throw new NotSupportedException($"No formatter registered for '{contentType}'.");
        }

        return formatter.Format(payload);
    }
}
