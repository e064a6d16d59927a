namespace Forklift.Buffers;

/// <summary>Where a <see cref="PooledBufferWriter"/> moves a message that outgrows its spill threshold (on Linux, a
/// shared-memory file the peer maps; see <c>Forklift.Transport.SharedMemorySegment</c>).</summary>
/// <remarks>Owned by one writer at a time and used from its thread only.</remarks>
internal interface ISpillTarget
{
    /// <summary>Writes <paramref name="bytes"/> at <paramref name="offset"/> of the message.</summary>
    void Write(ReadOnlySpan<byte> bytes, long offset);

    /// <summary>The message was abandoned (its encoding failed) or could not be handed over: the target frees what it
    /// holds for it.</summary>
    void Abandon();
}
