using System.Runtime.CompilerServices;
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
    // 0: not yet asked; -1: not blittable; otherwise Unsafe.SizeOf<T>(). A benign race: every thread computes the same.
    private int _blockSize;

    /// <summary>Appends <paramref name="value"/> to <paramref name="writer"/>.</summary>
    public abstract void Write(ref PayloadWriter writer, T value);

    /// <summary>Reads one value that <see cref="Write"/> wrote.</summary>
    public abstract T Read(ref PayloadReader reader);

    /// <summary>
    /// Whether a value of <typeparamref name="T"/> crosses exactly as its bytes in memory: then a map's inputs and
    /// results are copied as one block per chunk instead of through <see cref="Write"/> and <see cref="Read"/> per
    /// value. The generator says so for unmanaged types (numbers, enums, and structs, tuples and nullables of them).
    /// </summary>
    /// <remarks>
    /// A block copy is exact because both ends of a pool's pipe are the same build on the same machine: the same
    /// runtime lays <typeparamref name="T"/> out the same way, in the same byte order (the block is in the machine's
    /// own order, unlike <see cref="PayloadWriter"/>'s little-endian), and a batch carries the size of
    /// <typeparamref name="T"/>, which the worker checks. A type that holds references is never copied as bytes,
    /// whatever this returns.
    /// </remarks>
    public virtual bool IsBlittable => false;

    /// <summary>The size of one value in a block copy, or 0 if values go through the codec one by one.</summary>
    internal int BlockSize
    {
        get
        {
            int size = _blockSize;
            if (size == 0)
            {
                size = IsBlittable && !RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? Unsafe.SizeOf<T>() : -1;
                _blockSize = size;
            }

            return Math.Max(size, 0);
        }
    }
}
