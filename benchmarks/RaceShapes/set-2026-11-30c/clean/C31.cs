namespace Litware.Serialization
{
    public interface IPayloadCodec
    {
        string ContentType { get; }
        byte[] Encode(object value);
        object? Decode(ReadOnlySpan<byte> data, Type type);
    }

    /// <summary>
    /// Process-wide codec registry. Libraries register codecs from their module
    /// initialisers, which can run on whatever thread first touches them; the
    /// HTTP and queue layers look codecs up by content type on every message.
    /// </summary>
    public static class CodecRegistry
    {
        private static readonly object SyncRoot = new();
        private static readonly Dictionary<string, IPayloadCodec> Codecs = new(StringComparer.OrdinalIgnoreCase);
        private static string _defaultContentType = "application/json";
        private static int _registrations;

        public static void Register(IPayloadCodec codec, bool makeDefault = false)
        {
            ArgumentNullException.ThrowIfNull(codec);
            lock (SyncRoot)
            {
                Codecs[codec.ContentType] = codec;
                _registrations++;
                if (makeDefault)
                {
                    _defaultContentType = codec.ContentType;
                }
            }
        }

        public static bool Unregister(string contentType)
        {
            lock (SyncRoot)
            {
                return Codecs.Remove(contentType);
            }
        }

        public static IPayloadCodec Resolve(string? contentType)
        {
            lock (SyncRoot)
            {
                var key = string.IsNullOrEmpty(contentType) ? _defaultContentType : StripParameters(contentType);
                if (Codecs.TryGetValue(key, out var codec))
                {
                    return codec;
                }
                throw new NotSupportedException($"No codec registered for '{key}'.");
            }
        }

        public static (int Count, int Registrations, string Default) Describe()
        {
            lock (SyncRoot)
            {
                return (Codecs.Count, _registrations, _defaultContentType);
            }
        }

        private static string StripParameters(string contentType)
        {
            var semicolon = contentType.IndexOf(';');
            return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        }
    }
}
