using System.Buffers;

namespace StainedGlass.Preview;

public interface IPanelSource
{
    int Width { get; }
    int Height { get; }
    (byte R, byte G, byte B) ColourAt(int x, int y, double lightAngle);
}

/// <summary>
/// Renders a live preview of a restored window panel as the simulated sun moves.
/// The preview refreshes on a timer; the restorer's workstation disposes the
/// renderer when the panel editor is closed.
/// </summary>
public sealed class PanelPreviewRenderer : IDisposable
{
    private readonly IPanelSource _panel;
    private readonly Timer _refresh;
    private readonly int _length;
    private byte[]? _pixels;
    private int _rendering;
    private volatile bool _disposed;

    private readonly Action<ReadOnlyMemory<byte>> _previewReady;

    public PanelPreviewRenderer(IPanelSource panel, Action<ReadOnlyMemory<byte>> previewReady)
    {
        _panel = panel;
        _previewReady = previewReady;
        _length = panel.Width * panel.Height * 4;
        _pixels = ArrayPool<byte>.Shared.Rent(_length);
        _refresh = new Timer(_ => Render(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    private void Render()
    {
        if (_disposed || Interlocked.CompareExchange(ref _rendering, 1, 0) != 0)
        {
            return;
        }

        try
        {
            // Sweep the sun across the window over the course of a simulated day.
            double angle = DateTime.UtcNow.TimeOfDay.TotalSeconds % 180.0;
            int offset = 0;
            for (int y = 0; y < _panel.Height; y++)
            {
                for (int x = 0; x < _panel.Width; x++)
                {
                    var (r, g, b) = _panel.ColourAt(x, y, angle);
                    _pixels![offset++] = r;
                    _pixels[offset++] = g;
                    _pixels[offset++] = b;
                    _pixels[offset++] = 255;
                }
            }

            _previewReady(new ReadOnlyMemory<byte>(_pixels, 0, _length));
        }
        finally
        {
            Volatile.Write(ref _rendering, 0);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _refresh.Dispose();

        var pixels = _pixels;
        _pixels = null;
        if (pixels != null)
        {
            ArrayPool<byte>.Shared.Return(pixels, clearArray: true);
        }
    }
}
