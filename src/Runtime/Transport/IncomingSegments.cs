using System.Text;
using Forklift.Framing;

namespace Forklift.Transport;

/// <summary>
/// The reader's side of <see cref="OutgoingSegments"/>: maps the segment a frame reference names, keeping the mapping
/// of the peer's kept segment from one message to the next (so its pages are mapped once, not per message).
/// </summary>
/// <remarks>
/// A reference is a flag byte (1: the writer keeps this segment and will send it again; 0: this is its only or last
/// message) and the segment's name. Used by one reading thread; the leases it returns may be disposed on any thread.
/// </remarks>
internal sealed class IncomingSegments : IDisposable
{
    private readonly int _poolPid;
    private readonly int _workerPid;
    private string? _keptName;
    private FileStream? _keptFile;
    private MappedSegment? _keptMap;

    public IncomingSegments(int poolPid, int workerPid)
    {
        _poolPid = poolPid;
        _workerPid = workerPid;
    }

    /// <summary>Maps the frame that <paramref name="reference"/> names and returns its type and body, read in place,
    /// valid until the returned lease is disposed.</summary>
    /// <exception cref="InvalidDataException">The reference or the segment is malformed, or not this connection's.</exception>
    public SegmentLease Map(ReadOnlySpan<byte> reference, out byte type, out ReadOnlyMemory<byte> body)
    {
        if (reference.Length < 2 || reference[0] > 1)
        {
            throw new InvalidDataException("A malformed shared-memory frame reference.");
        }

        bool keep = reference[0] == 1;
        string name = Encoding.UTF8.GetString(reference[1..]);
        MappedSegment map;
        if (name == _keptName)
        {
            map = _keptMap!;
        }
        else
        {
            FileStream file = SharedMemorySegment.OpenAndDelete(name, _poolPid, _workerPid);
            try
            {
                map = MappedSegment.Map(file);
            }
            catch
            {
                file.Dispose();
                throw;
            }

            if (keep)
            {
                DropKept();
                (_keptName, _keptFile, _keptMap) = (name, file, map);
            }
            else
            {
                // One message: the mapping keeps the memory, and the lease below takes its only reference.
                file.Dispose();
            }
        }

        int length = FrameLength(map);
        if (length < 0 && map == _keptMap)
        {
            // The writer grew its kept segment for a larger message: map the file again, at its new length.
            map = MappedSegment.Map(_keptFile!);
            _keptMap.Release();
            _keptMap = map;
            length = FrameLength(map);
        }

        if (length < 0)
        {
            if (map != _keptMap)
            {
                map.Release();
            }

            throw new InvalidDataException($"The shared-memory segment '{name}' does not hold one frame.");
        }

        var lease = new SegmentLease(map == _keptMap ? map.AddReference() : map, kept: keep);
        if (!keep && name == _keptName)
        {
            // The writer's last message in its kept segment: the lease holds the mapping until the frame is read.
            DropKept();
        }

        map.Populate(FrameHeader.Size + length);
        (int _, type) = FrameHeader.Read(map.Memory.Span);
        body = map.Memory.Slice(FrameHeader.Size, length);
        if (type == SharedMemoryFrames.Type)
        {
            lease.Dispose();
            throw new InvalidDataException($"The shared-memory segment '{name}' holds another reference.");
        }

        return lease;
    }

    public void Dispose() => DropKept();

    /// <summary>The body length the frame in <paramref name="map"/> announces, or -1 if it does not fit the mapping.</summary>
    private static int FrameLength(MappedSegment map)
    {
        (int length, _) = FrameHeader.Read(map.Memory.Span);
        return length >= 0 && length <= map.FrameCapacity - FrameHeader.Size ? length : -1;
    }

    private void DropKept()
    {
        _keptMap?.Release();
        _keptFile?.Dispose();
        (_keptName, _keptFile, _keptMap) = (null, null, null);
    }
}
