using Forklift.Protocol;

namespace Forklift.Dispatch;

/// <summary>Encodes and decodes one type for the trip between the caller and a worker process.</summary>
/// <remarks>
/// The generator emits one sealed codec per marshalled type. Codecs are stateless and shared by every thread, so
/// <see cref="Write"/> and <see cref="Read"/> must not keep state between calls. A value written by
/// <see cref="Write"/> must be read back by <see cref="Read"/> consuming exactly the bytes written.
/// </remarks>
/// <typeparam name="T">The marshalled type.</typeparam>
public abstract class ParallelCodec<T>
{
    /// <summary>Appends <paramref name="value"/> to <paramref name="writer"/>.</summary>
    public abstract void Write(ref PayloadWriter writer, T value);

    /// <summary>Reads one value that <see cref="Write"/> wrote.</summary>
    public abstract T Read(ref PayloadReader reader);
}
