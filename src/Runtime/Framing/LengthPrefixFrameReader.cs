using System.Buffers;
using Forklift.Transport;

namespace Forklift.Framing;

/// <summary>Reads length-prefixed frames (see <see cref="FrameHeader"/>) from a byte stream.</summary>
/// <remarks>
/// One reader per stream, used by one thread at a time (threads that hand it over must order their use, as
/// <see cref="HandOffPipe"/>'s owners do). The body returned by <see cref="TryRead"/> lives in a buffer the reader
/// reuses, so it is valid only until the next call; a consumer that needs it longer copies it. Reads go through a
/// 64 KiB buffer, so a burst of small frames costs one system call; <see cref="HasBufferedBytes"/> tells whether the
/// next frame may already be in it.
/// <para>Given a pool's process id, the reader also accepts frames that travel in shared memory
/// (<see cref="SharedMemoryFrames"/>): it maps the named segment (see <see cref="IncomingSegments"/>) and returns the
/// frame it holds, whose body is then read in place from the mapping. The frame is released at the next read, by
/// <see cref="ReleaseShared"/>, or handed over by <see cref="TakeShared"/>; releasing it lets the writer reuse the
/// segment.</para>
/// </remarks>
internal sealed class LengthPrefixFrameReader : IDisposable
{
    private const int ReadBufferSize = 64 * 1024;

    private readonly Stream _stream;

    // Bytes read from the stream and not yet consumed: _buffer[_start.._end]. Our own buffer rather than a
    // BufferedStream, so that HasBufferedBytes can be answered.
    private readonly byte[] _buffer = new byte[ReadBufferSize];
    private int _start;
    private int _end;

    private readonly byte[] _header = new byte[FrameHeader.Size];
    private byte[] _body = ArrayPool<byte>.Shared.Rent(4096);
    private readonly IncomingSegments? _segments;
    private SegmentLease? _shared;

    /// <param name="stream">The pipe.</param>
    /// <param name="maxBodyBytes">The largest body accepted through the pipe.</param>
    /// <param name="poolPid">With <paramref name="workerPid"/>: the connection whose shared-memory segments this
    /// reader may map (see <see cref="SharedMemorySegment"/>); 0 to accept no shared-memory frames.</param>
    /// <param name="workerPid">The worker's process id.</param>
    public LengthPrefixFrameReader(Stream stream, int maxBodyBytes, int poolPid = 0, int workerPid = 0)
    {
        _stream = stream;
        MaxBodyBytes = maxBodyBytes;
        _segments = SharedMemorySegment.IsSupported && poolPid != 0 ? new IncomingSegments(poolPid, workerPid) : null;
    }

    /// <summary>Whether bytes already read from the stream wait in the buffer (so the next frame, or part of it, is
    /// there without reading the stream).</summary>
    public bool HasBufferedBytes => _end > _start;

    /// <summary>The largest body accepted; a larger announced length is treated as corruption.</summary>
    public int MaxBodyBytes { get; set; }

    /// <summary>Reads the next frame; <see langword="false"/> when the stream ended cleanly between frames.</summary>
    /// <exception cref="InvalidDataException">The frame is truncated or longer than the limit.</exception>
    public bool TryRead(out byte type, out ReadOnlyMemory<byte> body)
    {
        ReleaseShared();
        if (!TryReadFromPipe(out type, out body))
        {
            return false;
        }

        if (type == SharedMemoryFrames.Type && _segments is not null)
        {
            _shared = _segments.Map(body.Span, out type, out body);
        }

        return true;
    }

    /// <summary>Releases the last frame, if it came through shared memory (the writer may then reuse its segment); its
    /// body is then invalid.</summary>
    public void ReleaseShared()
    {
        SegmentLease? shared = _shared;
        _shared = null;
        shared?.Dispose();
    }

    /// <summary>Hands the mapping of the last frame (if it came through shared memory) to the caller, who disposes it
    /// when done with the body; the body then stays valid past the next read.</summary>
    public IDisposable? TakeShared()
    {
        SegmentLease? shared = _shared;
        _shared = null;
        return shared;
    }

    private bool TryReadFromPipe(out byte type, out ReadOnlyMemory<byte> body)
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
        ReleaseShared();
        _segments?.Dispose();
        _stream.Dispose();
        byte[] body = _body;
        _body = [];
        if (body.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private int ReadAtLeastOne(Span<byte> header) => ReadBuffered(header);

    private void Fill(Span<byte> target, string part)
    {
        while (!target.IsEmpty)
        {
            int n = ReadBuffered(target);
            if (n == 0)
            {
                throw new InvalidDataException($"The stream ended in the middle of a frame {part} (truncated frame).");
            }

            target = target[n..];
        }
    }

    /// <summary>Copies buffered bytes into <paramref name="target"/>, reading the stream once if none are buffered (straight
    /// into <paramref name="target"/> when it is at least as large as the buffer); 0 at the end of the stream.</summary>
    private int ReadBuffered(Span<byte> target)
    {
        if (_end == _start)
        {
            if (target.Length >= ReadBufferSize)
            {
                return _stream.Read(target);
            }

            _start = 0;
            _end = _stream.Read(_buffer);
            if (_end == 0)
            {
                return 0;
            }
        }

        int n = Math.Min(target.Length, _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(target);
        _start += n;
        return n;
    }
}
