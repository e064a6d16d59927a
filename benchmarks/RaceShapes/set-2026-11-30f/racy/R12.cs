namespace Imaging.Buffers;

public sealed class PixelBuffer
{
    public PixelBuffer(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new uint[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    public uint[] Pixels { get; }

    public void Clear() => Array.Clear(Pixels);
}

/// <summary>
/// Fixed-size pool of reusable pixel buffers, shared by the encoder worker
/// threads so that large frames do not end up on the LOH for every image.
/// </summary>
public sealed class PixelBufferPool
{
    private readonly PixelBuffer?[] _items;
    private readonly int _width;
    private readonly int _height;
    private int _allocations;

    public PixelBufferPool(int width, int height, int size = 8)
    {
        _width = width;
        _height = height;
        _items = new PixelBuffer?[size];
    }

    public int Allocations => Volatile.Read(ref _allocations);

    public PixelBuffer Rent()
    {
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            var candidate = items[i];
            if (candidate != null)
            {
                items[i] = null;
                return candidate;
            }
        }

        Interlocked.Increment(ref _allocations);
        return new PixelBuffer(_width, _height);
    }

    public void Return(PixelBuffer buffer)
    {
        if (buffer.Width != _width || buffer.Height != _height)
        {
            return;
        }

        buffer.Clear();
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref items[i], buffer, null) == null)
            {
                return;
            }
        }
    }
}

public sealed class ThumbnailEncoder
{
    private readonly PixelBufferPool _pool = new(256, 256);

    public IReadOnlyList<byte[]> EncodeAll(IReadOnlyList<string> imagePaths)
    {
        var output = new byte[imagePaths.Count][];
        Parallel.For(0, imagePaths.Count, i =>
        {
            var buffer = _pool.Rent();
            try
            {
                var source = File.ReadAllBytes(imagePaths[i]);
                for (var p = 0; p < buffer.Pixels.Length && p < source.Length; p++)
                {
                    buffer.Pixels[p] = source[p] * 0x010101u;
                }

                output[i] = Compress(buffer);
            }
            finally
            {
                _pool.Return(buffer);
            }
        });

        return output;
    }

    private static byte[] Compress(PixelBuffer buffer)
    {
        var bytes = new byte[buffer.Pixels.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(buffer.Pixels[i] & 0xFF);
        }

        return bytes;
    }
}
