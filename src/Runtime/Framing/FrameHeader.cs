using System.Buffers.Binary;
using Forklift.Buffers;

namespace Forklift.Framing;

/// <summary>The five bytes in front of every frame: the body length (int32, little-endian) and a message type byte.</summary>
/// <remarks>The length counts only the body, so an empty message is exactly five bytes on the wire.</remarks>
internal static class FrameHeader
{
    /// <summary>Header size in bytes.</summary>
    public const int Size = 5;

    /// <summary>Starts a frame in <paramref name="buffer"/> (which is reset) by reserving its header.</summary>
    public static void Begin(PooledBufferWriter buffer)
    {
        buffer.Reset();
        buffer.Reserve(Size);
    }

    /// <summary>Fills in the header of the frame in <paramref name="buffer"/> and returns the whole frame.</summary>
    /// <exception cref="InvalidDataException">The body is larger than <paramref name="maxBodyBytes"/>.</exception>
    public static ReadOnlySpan<byte> Complete(PooledBufferWriter buffer, byte type, int maxBodyBytes)
    {
        int body = buffer.WrittenCount - Size;
        if (body > maxBodyBytes)
        {
            throw new InvalidDataException($"Message of {body} bytes exceeds the limit of {maxBodyBytes} bytes (WorkerPoolOptions.MaxMessageBytes).");
        }

        buffer.PatchInt32(0, body);
        buffer.PatchByte(4, type);
        return buffer.WrittenSpan;
    }

    /// <summary>Reads a header.</summary>
    public static (int BodyLength, byte Type) Read(ReadOnlySpan<byte> header)
        => (BinaryPrimitives.ReadInt32LittleEndian(header), header[4]);
}
