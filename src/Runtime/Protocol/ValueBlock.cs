using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Forklift.Protocol;

/// <summary>
/// A batch's inputs or results as one block of values in their in-memory layout
/// (<see cref="RequestFlags.PackedArguments"/>, <see cref="RequestFlags.PackedResults"/>): after the batch's count,
/// a varuint value size, then count × size bytes. Only for types that hold no references, between two processes of
/// the same build on the same machine (see <c>ParallelCodec&lt;T&gt;.IsBlittable</c>).
/// </summary>
internal static class ValueBlock
{
    /// <summary>The bytes of <paramref name="values"/>, without copying.</summary>
    public static ReadOnlySpan<byte> AsBytes<T>(ReadOnlySpan<T> values)
    {
        Debug.Assert(!RuntimeHelpers.IsReferenceOrContainsReferences<T>(), "Only values without references are copied as bytes.");
        return MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(values)), checked(values.Length * Unsafe.SizeOf<T>()));
    }

    /// <summary>The bytes of <paramref name="values"/>, to be written in place.</summary>
    public static Span<byte> AsBytes<T>(Span<T> values)
    {
        Debug.Assert(!RuntimeHelpers.IsReferenceOrContainsReferences<T>(), "Only values without references are copied as bytes.");
        return MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(values)), checked(values.Length * Unsafe.SizeOf<T>()));
    }

    /// <summary>Reads one value from exactly its bytes (which need not be aligned).</summary>
    public static T Read<T>(ReadOnlySpan<byte> bytes)
    {
        Debug.Assert(!RuntimeHelpers.IsReferenceOrContainsReferences<T>(), "Only values without references are copied as bytes.");
        if (bytes.Length != Unsafe.SizeOf<T>())
        {
            throw new InvalidDataException($"A packed value of {bytes.Length} bytes where {Unsafe.SizeOf<T>()} were expected.");
        }

        return Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(bytes));
    }

    /// <summary>Appends the bytes of <paramref name="value"/>.</summary>
    public static void Write<T>(System.Buffers.IBufferWriter<byte> output, T value)
    {
        Debug.Assert(!RuntimeHelpers.IsReferenceOrContainsReferences<T>(), "Only values without references are copied as bytes.");
        int size = Unsafe.SizeOf<T>();
        Span<byte> span = output.GetSpan(size);
        Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(span), value);
        output.Advance(size);
    }

    /// <summary>Reads a block's value size and checks it is <paramref name="expected"/>, the size of the type in this
    /// process: a different one means the two ends do not lay the type out alike, and the batch is refused.</summary>
    public static void ReadSize(ref PayloadReader reader, int expected, string what)
    {
        uint size = reader.ReadVarUInt32();
        if (size != (uint)expected)
        {
            throw new InvalidDataException($"The {what} came as a block of {size}-byte values, but they are {expected} bytes in this process.");
        }
    }
}
