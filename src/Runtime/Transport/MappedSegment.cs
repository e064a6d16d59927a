using System.Buffers;
using System.Runtime.InteropServices;

namespace Forklift.Transport;

/// <summary>The reader's mapping of a <see cref="SharedMemorySegment"/>: its frame area (everything after the control
/// word) as memory, read in place.</summary>
/// <remarks>Reference-counted: the reader's cache of a kept segment holds one reference and each frame being read
/// (<see cref="SegmentLease"/>) another, so a mapping is unmapped only when nothing can still read it, whatever order
/// the peer's frames come in.</remarks>
internal sealed unsafe class MappedSegment : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly long _length;
    private long _populated;
    private int _trims;
    private int _references = 1;

    private MappedSegment(byte* pointer, long length)
    {
        _pointer = pointer;
        _length = length;
    }

    /// <summary>Bytes of the frame area that are mapped.</summary>
    public int FrameCapacity => (int)Math.Min(_length - SharedMemorySegment.ControlSize, int.MaxValue);

    /// <summary>Maps the whole of <paramref name="file"/> (which may then be closed: the mapping keeps the memory).</summary>
    /// <exception cref="InvalidDataException">The file is too short to hold a frame.</exception>
    public static MappedSegment Map(FileStream file)
    {
        long length = file.Length;
        if (length < SharedMemorySegment.ControlSize + Framing.FrameHeader.Size)
        {
            throw new InvalidDataException($"A shared-memory segment of {length} bytes is too short to hold a frame.");
        }

        void* map = PosixInterop.Mmap(null, (nuint)length, PosixInterop.PROT_READ | PosixInterop.PROT_WRITE, PosixInterop.MAP_SHARED, (int)file.SafeFileHandle.DangerousGetHandle(), 0);
        if (map == (void*)-1)
        {
            throw new IOException($"Could not map a shared-memory segment of {length} bytes (errno {Marshal.GetLastPInvokeError()}).");
        }

        return new MappedSegment((byte*)map, length);
    }

    /// <summary>Faults in the first <paramref name="frameBytes"/> of the frame area with one call (rather than one fault
    /// per 16 pages while decoding), once per mapping.</summary>
    public void Populate(int frameBytes)
    {
        // The writer gave the pages back while idle (SharedMemorySegment.TryTrim) and filled them again: ours are gone.
        int trims = Volatile.Read(ref *(int*)(_pointer + SharedMemorySegment.TrimCountOffset));
        if (trims != _trims)
        {
            _trims = trims;
            _populated = 0;
        }

        long end = SharedMemorySegment.ControlSize + (long)frameBytes;
        if (end > _populated)
        {
            _ = PosixInterop.Madvise(_pointer, (nuint)end, PosixInterop.MADV_POPULATE_READ);
            _populated = end;
        }
    }

    /// <summary>Marks a kept segment free for the writer's next message (see <see cref="SharedMemorySegment.ControlSize"/>).</summary>
    public void ClearInUse() => Volatile.Write(ref *(int*)_pointer, 0);

    public MappedSegment AddReference()
    {
        Interlocked.Increment(ref _references);
        return this;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _ = PosixInterop.Munmap(_pointer, (nuint)_length);
        }
    }

    public override Span<byte> GetSpan() => new(_pointer + SharedMemorySegment.ControlSize, FrameCapacity);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + SharedMemorySegment.ControlSize + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing) => Release();
}

/// <summary>One frame read in place from a <see cref="MappedSegment"/>; disposing it releases the frame (and, for a
/// kept segment, tells the writer it may reuse it).</summary>
internal sealed class SegmentLease(MappedSegment map, bool kept) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            if (kept)
            {
                map.ClearInUse();
            }

            map.Release();
        }
    }
}
