using System.Buffers;
using System.Buffers.Binary;

namespace Forklift.Protocol;

/// <summary>
/// Appends the primitive values of a payload (call arguments, results, progress reports) to a buffer.
/// Generated codecs are built from these calls.
/// </summary>
/// <remarks>
/// Encoding: fixed-size numbers are little-endian; lengths and counts are unsigned LEB128 varints. A nullable
/// length is written as <c>length + 1</c>, with <c>0</c> meaning <see langword="null"/>. Not thread-safe: one
/// writer per payload.
/// </remarks>
public ref struct PayloadWriter
{
    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    public PayloadWriter(IBufferWriter<byte> output) => _output = output;

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    /// <summary>Writes a boolean as one byte.</summary>
    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes a signed byte.</summary>
    public void WriteSByte(sbyte value) => WriteByte(unchecked((byte)value));

    /// <summary>Writes a 16-bit integer.</summary>
    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16LittleEndian(_output.GetSpan(2), value);
        _output.Advance(2);
    }

    /// <summary>Writes an unsigned 16-bit integer.</summary>
    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_output.GetSpan(2), value);
        _output.Advance(2);
    }

    /// <summary>Writes a UTF-16 code unit.</summary>
    public void WriteChar(char value) => WriteUInt16(value);

    /// <summary>Writes a 32-bit integer.</summary>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    /// <summary>Writes an unsigned 32-bit integer.</summary>
    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    /// <summary>Writes a 64-bit integer.</summary>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    /// <summary>Writes an unsigned 64-bit integer.</summary>
    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    /// <summary>Writes a single-precision number.</summary>
    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    /// <summary>Writes a double-precision number.</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    /// <summary>Writes a decimal as its four 32-bit parts.</summary>
    public void WriteDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        for (int i = 0; i < 4; i++)
        {
            WriteInt32(bits[i]);
        }
    }

    /// <summary>Writes an unsigned varint (LEB128), used for lengths and counts.</summary>
    public void WriteVarUInt32(uint value)
    {
        Span<byte> span = _output.GetSpan(5);
        int count = 0;
        while (value >= 0x80)
        {
            span[count++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[count++] = (byte)value;
        _output.Advance(count);
    }

    /// <summary>Writes a count, or <c>0</c> for <see langword="null"/> (see the remarks on the type).</summary>
    public void WriteNullableLength(int? length)
        => WriteVarUInt32(length is int n ? checked((uint)n + 1) : 0u);

    /// <summary>Writes a string as UTF-8 with a nullable length prefix; lone surrogates are kept (see <see cref="Wtf8"/>).</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNullableLength(null);
            return;
        }

        int byteCount = Wtf8.GetByteCount(value);
        WriteNullableLength(byteCount);
        Wtf8.Encode(value, _output.GetSpan(byteCount)[..byteCount]);
        _output.Advance(byteCount);
    }

    /// <summary>Writes a byte block with a (non-null) length prefix.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteNullableLength(value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes a byte array, or <see langword="null"/>, with a nullable length prefix.</summary>
    public void WriteByteArray(byte[]? value)
    {
        if (value is null)
        {
            WriteNullableLength(null);
            return;
        }

        WriteBytes(value);
    }

    /// <summary>Copies bytes without a length prefix, in chunks so a large block needs no large buffer request.</summary>
    public void WriteRaw(ReadOnlySpan<byte> value)
    {
        // Ask for at most 64 KiB at a time: a pooled writer then never has to rent one huge array for a 50 MB payload.
        const int ChunkSize = 64 * 1024;

        // A large block of a message headed for shared memory goes there straight from the caller's memory, without
        // passing through the send buffer.
        if (value.Length > ChunkSize && _output is Buffers.PooledBufferWriter pooled && pooled.TryWriteToSpill(value))
        {
            return;
        }

        while (!value.IsEmpty)
        {
            Span<byte> span = _output.GetSpan(Math.Min(value.Length, ChunkSize));
            int n = Math.Min(span.Length, value.Length);
            value[..n].CopyTo(span);
            _output.Advance(n);
            value = value[n..];
        }
    }

    /// <summary>Writes a GUID as its 16 bytes.</summary>
    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(_output.GetSpan(16));
        _output.Advance(16);
    }

    /// <summary>Writes a <see cref="DateTime"/> with its kind, so it round-trips exactly.</summary>
    public void WriteDateTime(DateTime value) => WriteInt64(value.ToBinary());

    /// <summary>Writes a <see cref="DateTimeOffset"/> as ticks and offset minutes.</summary>
    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        WriteInt64(value.Ticks);
        WriteInt16((short)value.Offset.TotalMinutes);
    }

    /// <summary>Writes a <see cref="TimeSpan"/> as ticks.</summary>
    public void WriteTimeSpan(TimeSpan value) => WriteInt64(value.Ticks);

    /// <summary>Writes a native-sized integer as 64 bits, so 32- and 64-bit processes agree.</summary>
    public void WriteNativeInt(nint value) => WriteInt64(value);

    /// <summary>Writes a native-sized unsigned integer as 64 bits.</summary>
    public void WriteNativeUInt(nuint value) => WriteUInt64(value);

    /// <summary>Writes a half-precision number.</summary>
    public void WriteHalf(Half value)
    {
        BinaryPrimitives.WriteHalfLittleEndian(_output.GetSpan(2), value);
        _output.Advance(2);
    }

    /// <summary>Writes a 128-bit integer.</summary>
    public void WriteInt128(Int128 value)
    {
        BinaryPrimitives.WriteInt128LittleEndian(_output.GetSpan(16), value);
        _output.Advance(16);
    }

    /// <summary>Writes an unsigned 128-bit integer.</summary>
    public void WriteUInt128(UInt128 value)
    {
        BinaryPrimitives.WriteUInt128LittleEndian(_output.GetSpan(16), value);
        _output.Advance(16);
    }

    /// <summary>Writes a <see cref="DateOnly"/> as its day number.</summary>
    public void WriteDateOnly(DateOnly value) => WriteInt32(value.DayNumber);

    /// <summary>Writes a <see cref="TimeOnly"/> as ticks.</summary>
    public void WriteTimeOnly(TimeOnly value) => WriteInt64(value.Ticks);

    /// <summary>Writes the equality comparer of a dictionary or set.</summary>
    /// <exception cref="NotSupportedException">The comparer is not one that can be rebuilt in another process (see <see cref="WellKnownComparers"/>).</exception>
    public void WriteComparer<T>(IEqualityComparer<T>? comparer) => WellKnownComparers.Write(ref this, comparer);

    /// <summary>Writes a byte block with a (non-null) length prefix; the same encoding as <see cref="WriteBytes"/>.</summary>
    /// <remarks>The bytes are copied once, straight into the output, in chunks (see <see cref="WriteRaw"/>).</remarks>
    public void WriteByteMemory(ReadOnlyMemory<byte> value) => WriteBytes(value.Span);
}
