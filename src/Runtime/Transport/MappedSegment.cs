using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Forklift.Transport;

/// <summary>A read-only mapping of a <see cref="SharedMemorySegment"/> whose name is already deleted: its bytes are
/// read in place, and disposing it (unmapping) frees the memory.</summary>
/// <remarks>One owner; <see cref="MemoryManager{T}.Memory"/> is valid until <see cref="IDisposable.Dispose"/>.</remarks>
internal sealed unsafe class MappedSegment : MemoryManager<byte>
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;

    public MappedSegment(MemoryMappedFile map, int length)
    {
        _map = map;
        _length = length;
        try
        {
            _view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* pointer = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            _pointer = pointer + _view.PointerOffset;
        }
        catch
        {
            _view?.Dispose();
            map.Dispose();
            throw;
        }
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
    }
}
