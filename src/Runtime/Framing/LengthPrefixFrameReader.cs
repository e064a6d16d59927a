using System.Buffers;

namespace Forklift.Framing;

/// <summary>Reads length-prefixed frames (see <see cref="FrameHeader"/>) from a byte stream.</summary>
/// <remarks>
/// One reader per stream, used by one thread. The body returned by <see cref="TryRead"/> lives in a buffer the reader
/// reuses, so it is valid only until the next call; a consumer that needs it longer copies it. Reads go through a
/// 64 KiB buffer, so a burst of small frames costs one system call.
/// </remarks>
internal sealed class LengthPrefixFrameReader : IDisposable
{
    private readonly Stream _stream;

    private readonly byte[] _header = new byte[FrameHeader.Size];
    private byte[] _body = ArrayPool<byte>.Shared.Rent(4096);

    public LengthPrefixFrameReader(Stream stream, int maxBodyBytes)
    {
        _stream = new BufferedStream(stream, 64 * 1024);
        MaxBodyBytes = maxBodyBytes;
    }

    /// <summary>The largest body accepted; a larger announced length is treated as corruption.</summary>
    public int MaxBodyBytes { get; set; }

    /// <summary>Reads the next frame; <see langword="false"/> when the stream ended cleanly between frames.</summary>
    /// <exception cref="InvalidDataException">The frame is truncated or longer than the limit.</exception>
    public bool TryRead(out byte type, out ReadOnlyMemory<byte> body)
    {
        int got = ReadAtLeastOne(_header);
        if (got == 0)
        {
            type = 0;
            body = default;
            return false;
        }

        Fill(_header.AsSpan(got), "header");
        (int length, type) = FrameHeader.Read(_header);
        if (length < 0 || length > MaxBodyBytes)
        {
            throw new InvalidDataException(
                $"Received a frame announcing {length} bytes; the limit is {MaxBodyBytes} bytes (WorkerPoolOptions.MaxMessageBytes). The stream is corrupt or the message too large.");
        }

        if (_body.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_body);
            _body = ArrayPool<byte>.Shared.Rent(length);
        }

        Fill(_body.AsSpan(0, length), "body");
        body = _body.AsMemory(0, length);
        return true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        byte[] body = _body;
        _body = [];
        if (body.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private int ReadAtLeastOne(Span<byte> header)
    {
        int n = _stream.Read(header);
        return n;
    }

    private void Fill(Span<byte> target, string part)
    {
        while (!target.IsEmpty)
        {
            int n = _stream.Read(target);
            if (n == 0)
            {
                throw new InvalidDataException($"The stream ended in the middle of a frame {part} (truncated frame).");
            }

            target = target[n..];
        }
    }
}
