using System.Buffers;
using System.Buffers.Binary;

namespace Forklift.Buffers;

/// <summary>A growable <see cref="IBufferWriter{T}"/> over <see cref="ArrayPool{T}"/> arrays, reused message after message.</summary>
/// <remarks>
/// Not thread-safe: each owner (a connection's send path, a worker's result path) keeps one and guards it. After
/// <see cref="Reset"/> the same array is reused, so steady traffic allocates nothing.
/// <para>With a spill factory (<see cref="EnableSpill"/>), a message that grows past the spill threshold moves to an
/// <see cref="ISpillTarget"/>: what was written so far is copied there once, and from then on the array is a staging
/// window of at most the threshold that is flushed to the target whenever it fills. The array never grows by doubling
/// beyond the threshold, so a 256 MB message costs no growth copies and no 256 MB array. Offsets
/// (<see cref="WrittenCount"/>, <see cref="Reserve"/>, the patch methods) always count from the start of the message.</para>
/// </remarks>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    // Arrays above this size go back to the pool on Reset, so one huge message does not pin memory for ever.
    private const int RetainLimit = 1024 * 1024;
    private const int InitialSize = 4096;

    private byte[] _buffer;
    private int _written;

    // Spilling: bytes [0, _flushed) of the message are in _spill; the array holds the bytes from _flushed on.
    private Func<ISpillTarget>? _spillFactory;
    private int _spillThreshold = int.MaxValue;
    private ISpillTarget? _spill;
    private long _flushed;

    // Bytes a message may reach before a write throws SizeLimitExceededException (see Limit).
    private long _limit = long.MaxValue;

    public PooledBufferWriter() => _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);

    /// <summary>Bytes written since the last <see cref="Reset"/>, spilled or not.</summary>
    /// <exception cref="OverflowException">A spilled message passed 2 GB (offsets are <see cref="int"/>).</exception>
    public int WrittenCount => checked((int)(_flushed + _written));

    /// <summary>Whether the message being written has moved to a spill target.</summary>
    public bool IsSpilled => _spill is not null;

    /// <summary>The bytes written so far; valid until the next write or reset. Not for a spilled message.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _spill is null ? _buffer.AsSpan(0, _written) : throw new InvalidOperationException("The message was spilled.");

    /// <summary>The bytes written so far as memory; valid until the next write or reset.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>The size a message may reach; a write past it throws <see cref="SizeLimitExceededException"/> (and
    /// leaves the message unfinished, to be <see cref="Reset"/>). <see cref="long.MaxValue"/> (the default) for none.</summary>
    /// <remarks>Lets a caller try a cheap path for small messages without knowing their size in advance (see
    /// <c>PendingCall.SendFromCaller</c>).</remarks>
    public long Limit
    {
        get => _limit;
        set => _limit = value;
    }

    /// <summary>From now on, a message longer than <paramref name="threshold"/> bytes moves to a target made by
    /// <paramref name="factory"/> (see the remarks on the type).</summary>
    public void EnableSpill(int threshold, Func<ISpillTarget> factory)
    {
        _spillThreshold = threshold;
        _spillFactory = factory;
    }

    /// <summary>Appends <paramref name="bytes"/> straight to the spill target, if the message spills (or spills now
    /// because of them): one copy from the caller's memory into the target instead of two through the array.</summary>
    /// <returns><see langword="false"/> if the message stays in the array; nothing was written then.</returns>
    public bool TryWriteToSpill(ReadOnlySpan<byte> bytes)
    {
        CheckLimit(bytes.Length);
        if (_spillFactory is null || _flushed + _written + bytes.Length <= _spillThreshold)
        {
            return false;
        }

        _spill ??= _spillFactory();
        _spill.Write(_buffer.AsSpan(0, _written), _flushed);
        _flushed += _written;
        _written = 0;
        _spill.Write(bytes, _flushed);
        _flushed += bytes.Length;
        return true;
    }

    /// <summary>Ends a spilled message: flushes the staging window and hands the target (with the whole message in it)
    /// to the caller, who owns it from now on. The writer is reset.</summary>
    public ISpillTarget DetachSpill()
    {
        ISpillTarget spill = _spill ?? throw new InvalidOperationException("The message was not spilled.");
        spill.Write(_buffer.AsSpan(0, _written), _flushed);
        _spill = null;
        Reset();
        return spill;
    }

    /// <summary>Forgets what was written, keeping the array unless it grew very large. A spilled message that was not
    /// detached is abandoned and its target deleted.</summary>
    public void Reset()
    {
        _written = 0;
        _flushed = 0;
        if (_spill is ISpillTarget abandoned)
        {
            _spill = null;
            abandoned.Abandon();
        }

        if (_buffer.Length > RetainLimit)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
    }

    /// <summary>Skips <paramref name="count"/> bytes to be patched later; returns their offset.</summary>
    public int Reserve(int count)
    {
        EnsureCapacity(count);
        int offset = WrittenCount;
        _buffer.AsSpan(_written, count).Clear();
        _written += count;
        return offset;
    }

    /// <summary>Overwrites four reserved bytes at <paramref name="offset"/> with <paramref name="value"/>.</summary>
    public void PatchInt32(int offset, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Patch(offset, bytes);
    }

    /// <summary>Overwrites eight reserved bytes at <paramref name="offset"/> with <paramref name="value"/>.</summary>
    public void PatchInt64(int offset, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Patch(offset, bytes);
    }

    /// <summary>Overwrites one reserved byte.</summary>
    public void PatchByte(int offset, byte value) => Patch(offset, [value]);

    /// <summary>Overwrites reserved bytes, in the array or (for a spilled message) in the part already flushed.</summary>
    private void Patch(int offset, ReadOnlySpan<byte> bytes)
    {
        int flushedPart = (int)Math.Clamp(_flushed - offset, 0, bytes.Length);
        if (flushedPart > 0)
        {
            _spill!.Write(bytes[..flushedPart], offset);
        }

        if (flushedPart < bytes.Length)
        {
            bytes[flushedPart..].CopyTo(_buffer.AsSpan((int)(offset + flushedPart - _flushed)));
        }
    }

    /// <summary>Appends raw bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_written));
        _written += bytes.Length;
    }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        CheckLimit(count);
        _written += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        if (_spill is ISpillTarget abandoned)
        {
            _spill = null;
            abandoned.Abandon();
        }

        byte[] buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void CheckLimit(int more)
    {
        if (_flushed + _written + more > _limit)
        {
            throw SizeLimitExceededException.Instance;
        }
    }

    private void EnsureCapacity(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        CheckLimit(sizeHint);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        if (_spillFactory is not null && _flushed + _written + sizeHint > _spillThreshold)
        {
            // Past the threshold: move what we have to the target and keep the array as a window onto the message's tail.
            _spill ??= _spillFactory();
            _spill.Write(_buffer.AsSpan(0, _written), _flushed);
            _flushed += _written;
            _written = 0;
            if (_buffer.Length >= sizeHint)
            {
                return;
            }
        }

        long needed = (long)_written + sizeHint;
        long size = Math.Max(needed, Math.Max((long)_buffer.Length * 2, InitialSize));
        if (size > Array.MaxLength)
        {
            size = needed <= Array.MaxLength ? Array.MaxLength : throw new OutOfMemoryException("Message larger than the largest array.");
        }

        byte[] next = ArrayPool<byte>.Shared.Rent((int)size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}

/// <summary>A message outgrew <see cref="PooledBufferWriter.Limit"/>. One shared instance: it only signals "too big for
/// this path", carries no data, and is thrown where a codec cannot be asked to return a status.</summary>
internal sealed class SizeLimitExceededException : Exception
{
    public static readonly SizeLimitExceededException Instance = new();

    private SizeLimitExceededException()
        : base("The message outgrew the writer's limit.")
    {
    }
}
