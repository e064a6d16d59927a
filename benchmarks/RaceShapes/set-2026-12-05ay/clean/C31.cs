using System.Buffers;
using System.Collections.Concurrent;

namespace Blind51.StainedGlass.Thumbnails;

/// <summary>
/// Scratch state for downscaling one panel photograph. Expensive to allocate, so instances
/// are pooled and rented by the thumbnail workers.
/// </summary>
public sealed class PanelScaler
{
    private readonly float[] _rowAccumulator = new float[8192];
    public int TimesUsed { get; private set; }

    public byte[] Downscale(ReadOnlySpan<byte> rgb, int width, int height, int factor)
    {
        TimesUsed++;
        int outW = width / factor, outH = height / factor;
        var output = new byte[outW * outH * 3];

        for (int oy = 0; oy < outH; oy++)
        {
            Array.Clear(_rowAccumulator, 0, outW * 3);
            for (int dy = 0; dy < factor; dy++)
            {
                int row = (oy * factor + dy) * width * 3;
                for (int x = 0; x < outW * factor; x++)
                    for (int c = 0; c < 3; c++)
                        _rowAccumulator[(x / factor) * 3 + c] += rgb[row + x * 3 + c];
            }

            for (int i = 0; i < outW * 3; i++)
                output[oy * outW * 3 + i] = (byte)(_rowAccumulator[i] / (factor * factor));
        }
        return output;
    }
}

/// <summary>
/// A small pool of <see cref="PanelScaler"/> instances shared by the thumbnail workers.
/// </summary>
public sealed class PanelScalerPool
{
    private readonly ConcurrentBag<PanelScaler> _idle = new();
    private int _created;

    public int Created => Volatile.Read(ref _created);

    public PanelScaler Rent()
    {
        if (_idle.TryTake(out var scaler)) return scaler;
        Interlocked.Increment(ref _created);
        return new PanelScaler();
    }

    public void Return(PanelScaler scaler) => _idle.Add(scaler);
}

/// <summary>
/// Generates catalogue thumbnails for the studio's archive of finished windows.
/// </summary>
public sealed class WindowThumbnailGenerator
{
    private readonly PanelScalerPool _pool = new();
    private readonly Func<string, (int Width, int Height, int Length)> _probe;
    private readonly Action<string, byte[], Memory<byte>> _readInto;
    private readonly Action<string, byte[]> _save;

    public WindowThumbnailGenerator(Func<string, (int, int, int)> probe, Action<string, byte[], Memory<byte>> readInto, Action<string, byte[]> save)
    {
        _probe = probe;
        _readInto = readInto;
        _save = save;
    }

    public async Task GenerateAsync(IEnumerable<string> photoPaths, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(photoPaths, cancellationToken, (path, ct) =>
        {
            var (width, height, length) = _probe(path);
            var pixels = ArrayPool<byte>.Shared.Rent(length);
            var scaler = _pool.Rent();
            try
            {
                _readInto(path, pixels, pixels.AsMemory(0, length));
                var thumb = scaler.Downscale(pixels.AsSpan(0, length), width, height, factor: 8);
                _save(Path.ChangeExtension(path, ".thumb.rgb"), thumb);
            }
            finally
            {
                _pool.Return(scaler);
                ArrayPool<byte>.Shared.Return(pixels);
            }
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
    }
}
