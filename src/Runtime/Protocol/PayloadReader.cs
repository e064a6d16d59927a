using System.Buffers.Binary;

namespace Forklift.Protocol;

/// <summary>Reads the values a <see cref="PayloadWriter"/> wrote, in the same order.</summary>
/// <remarks>
/// Reads from one contiguous payload. A payload that ends early or holds an impossible length throws
/// <see cref="InvalidDataException"/>, which the runtime reports as a protocol error for that call.
/// </remarks>
public ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="payload"/>.</summary>
    public PayloadReader(ReadOnlySpan<byte> payload)
    {
        _buffer = payload;
        _position = 0;
    }

    /// <summary>How many bytes are left to read.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"Invalid boolean byte {b} in payload."),
    };

    /// <summary>Reads a signed byte.</summary>
    public sbyte ReadSByte() => unchecked((sbyte)ReadByte());

    /// <summary>Reads a 16-bit integer.</summary>
    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    /// <summary>Reads an unsigned 16-bit integer.</summary>
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    /// <summary>Reads a UTF-16 code unit.</summary>
    public char ReadChar() => (char)ReadUInt16();

    /// <summary>Reads a 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads an unsigned 32-bit integer.</summary>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>Reads a 64-bit integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads an unsigned 64-bit integer.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads a single-precision number.</summary>
    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a double-precision number.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads a decimal.</summary>
    public decimal ReadDecimal()
    {
        Span<int> bits = stackalloc int[4];
        for (int i = 0; i < 4; i++)
        {
            bits[i] = ReadInt32();
        }

        try
        {
            return new decimal(bits);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("Invalid decimal in payload.", e);
        }
    }

    /// <summary>Reads an unsigned varint (LEB128).</summary>
    public uint ReadVarUInt32()
    {
        uint result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("Varint longer than 5 bytes in payload.");
    }

    /// <summary>Reads a count written by <see cref="PayloadWriter.WriteNullableLength"/>; <see langword="null"/> for null.</summary>
    /// <remarks>A count larger than the bytes left is rejected here, before anyone allocates for it.</remarks>
    public int? ReadNullableLength()
    {
        uint raw = ReadVarUInt32();
        if (raw == 0)
        {
            return null;
        }

        uint length = raw - 1;
        if (length > (uint)Remaining)
        {
            throw new InvalidDataException($"Length {length} exceeds the {Remaining} bytes left in the payload.");
        }

        return (int)length;
    }

    /// <summary>Reads a count that must not be null.</summary>
    public int ReadLength()
        => ReadNullableLength() ?? throw new InvalidDataException("Unexpected null length in payload.");

    /// <summary>Reads a string or <see langword="null"/>, lone surrogates included (see <see cref="Wtf8"/>).</summary>
    public string? ReadString()
    {
        int? length = ReadNullableLength();
        // Strict: a corrupted payload fails the call rather than turning into replacement characters.
        return length is int n ? Wtf8.Decode(Take(n)) : null;
    }

    /// <summary>Reads a byte array or <see langword="null"/>: one copy out of the payload.</summary>
    public byte[]? ReadByteArray()
    {
        int? length = ReadNullableLength();
        return length is int n ? Copy(Take(n)) : null;
    }

    /// <summary>Reads a length-prefixed byte block as a span over the payload, without copying.</summary>
    /// <remarks>The span is valid only as long as the payload it was read from.</remarks>
    public ReadOnlySpan<byte> ReadBytesSpan() => Take(ReadLength());

    /// <summary>Reads a GUID.</summary>
    public Guid ReadGuid() => new(Take(16));

    /// <summary>Reads a <see cref="DateTime"/>.</summary>
    public DateTime ReadDateTime()
    {
        long binary = ReadInt64();
        try
        {
            return DateTime.FromBinary(binary);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("Invalid DateTime in payload.", e);
        }
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ReadDateTimeOffset()
    {
        long ticks = ReadInt64();
        short offsetMinutes = ReadInt16();
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("Invalid DateTimeOffset in payload.", e);
        }
    }

    /// <summary>Reads a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ReadTimeSpan() => new(ReadInt64());

    /// <summary>Reads a native-sized integer written as 64 bits; a value this process cannot hold is rejected.</summary>
    public nint ReadNativeInt()
    {
        long value = ReadInt64();
        return value < nint.MinValue || value > nint.MaxValue
            ? throw new InvalidDataException($"Native integer {value} does not fit this process.")
            : (nint)value;
    }

    /// <summary>Reads a native-sized unsigned integer written as 64 bits.</summary>
    public nuint ReadNativeUInt()
    {
        ulong value = ReadUInt64();
        return value > nuint.MaxValue
            ? throw new InvalidDataException($"Native integer {value} does not fit this process.")
            : (nuint)value;
    }

    /// <summary>Reads a half-precision number.</summary>
    public Half ReadHalf() => BinaryPrimitives.ReadHalfLittleEndian(Take(2));

    /// <summary>Reads a 128-bit integer.</summary>
    public Int128 ReadInt128() => BinaryPrimitives.ReadInt128LittleEndian(Take(16));

    /// <summary>Reads an unsigned 128-bit integer.</summary>
    public UInt128 ReadUInt128() => BinaryPrimitives.ReadUInt128LittleEndian(Take(16));

    /// <summary>Reads a <see cref="DateOnly"/>.</summary>
    public DateOnly ReadDateOnly()
    {
        int dayNumber = ReadInt32();
        try
        {
            return DateOnly.FromDayNumber(dayNumber);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException("Invalid DateOnly in payload.", e);
        }
    }

    /// <summary>Reads a <see cref="TimeOnly"/>.</summary>
    public TimeOnly ReadTimeOnly()
    {
        long ticks = ReadInt64();
        try
        {
            return new TimeOnly(ticks);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException("Invalid TimeOnly in payload.", e);
        }
    }

    /// <summary>Reads a comparer written by <see cref="PayloadWriter.WriteComparer"/>; <see langword="null"/> for the default.</summary>
    public IEqualityComparer<T>? ReadComparer<T>() => WellKnownComparers.Read<T>(ref this);

    /// <summary>Reads a byte block written by <see cref="PayloadWriter.WriteByteMemory"/>: one copy out of the payload.</summary>
    public ReadOnlyMemory<byte> ReadByteMemory() => Copy(ReadBytesSpan());

    /// <summary>A new array holding <paramref name="bytes"/>: not zeroed first, since every byte is overwritten (for a
    /// 256 MB value that is one pass over memory less).</summary>
    private static byte[] Copy(ReadOnlySpan<byte> bytes)
    {
        byte[] array = GC.AllocateUninitializedArray<byte>(bytes.Length);
        Buffers.NonTemporalCopy.Copy(bytes, array);
        return array;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            throw new InvalidDataException($"Payload ended early: needed {count} bytes, {Remaining} left.");
        }

        ReadOnlySpan<byte> span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
