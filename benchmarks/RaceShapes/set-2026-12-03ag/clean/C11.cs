using System.Runtime.InteropServices;

namespace StainedGlass.LightTable;

/// <summary>
/// Unmanaged frame buffer shared between the light-table camera callback and
/// the restorer's editor. Either side may be the last to finish with it; the
/// editor disposes it when the panel is closed, and the finalizer frees the
/// memory if nobody did.
/// </summary>
public sealed class LightTableFrameBuffer : IDisposable
{
    private readonly object _sync = new();
    private readonly int _length;
    private IntPtr _memory;

    public LightTableFrameBuffer(int width, int height)
    {
        _length = checked(width * height * 4);
        _memory = Marshal.AllocHGlobal(_length);
        GC.AddMemoryPressure(_length);
    }

    public int Length => _length;

    /// <summary>Copies a captured frame in. Called on the camera driver's callback thread.</summary>
    public bool TryWrite(byte[] frame)
    {
        lock (_sync)
        {
            if (_memory == IntPtr.Zero)
            {
                return false;
            }

            Marshal.Copy(frame, 0, _memory, Math.Min(frame.Length, _length));
            GC.KeepAlive(this);
            return true;
        }
    }

    /// <summary>Copies the current frame out for display. Called by the editor.</summary>
    public bool TryRead(byte[] destination)
    {
        lock (_sync)
        {
            if (_memory == IntPtr.Zero)
            {
                return false;
            }

            Marshal.Copy(_memory, destination, 0, Math.Min(destination.Length, _length));
            GC.KeepAlive(this);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            FreeMemory();
        }
        GC.SuppressFinalize(this);
    }

    ~LightTableFrameBuffer()
    {
        FreeMemory();
    }

    private void FreeMemory()
    {
        if (_memory != IntPtr.Zero)
        {
            Marshal.FreeHGlobal(_memory);
            _memory = IntPtr.Zero;
            GC.RemoveMemoryPressure(_length);
        }
    }
}
