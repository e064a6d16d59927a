namespace Serialization.Formats;

public interface IPayloadFormatter
{
    string ContentType { get; }
    byte[] Serialize(object value);
    object? Deserialize(byte[] payload, Type type);
}

/// <summary>
/// Process-wide registry of payload formatters keyed by content type.
/// Modules register their formatters at startup; plugins loaded later may
/// register more while requests are being served.
/// </summary>
public static class FormatterRegistry
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<string, IPayloadFormatter> s_formatters = new(StringComparer.OrdinalIgnoreCase);
    private static string s_defaultContentType = "application/json";
    private static int s_version;

    public static void Register(IPayloadFormatter formatter, bool makeDefault = false)
    {
        lock (s_lock)
        {
            s_formatters[formatter.ContentType] = formatter;
            if (makeDefault)
            {
                s_defaultContentType = formatter.ContentType;
            }

            s_version++;
        }
    }

    public static bool Unregister(string contentType)
    {
        lock (s_lock)
        {
            if (!s_formatters.Remove(contentType))
            {
                return false;
            }

            s_version++;
            return true;
        }
    }

    public static IPayloadFormatter Resolve(string? contentType)
    {
        lock (s_lock)
        {
            var key = string.IsNullOrEmpty(contentType) ? s_defaultContentType : contentType;
            if (s_formatters.TryGetValue(key, out var formatter))
            {
                return formatter;
            }

            throw new NotSupportedException($"No formatter registered for '{key}'.");
        }
    }

    public static (int Version, string[] ContentTypes) Describe()
    {
        lock (s_lock)
        {
            return (s_version, s_formatters.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray());
        }
    }
}

public sealed class MessageEndpoint
{
    public byte[] Encode(object message, string? accept) =>
        FormatterRegistry.Resolve(accept).Serialize(message);

    public T? Decode<T>(byte[] payload, string? contentType) =>
        (T?)FormatterRegistry.Resolve(contentType).Deserialize(payload, typeof(T));
}
