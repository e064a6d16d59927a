namespace Blind58.KartTimingBoard;

/// <summary>
/// Double-buffered frame store for the go-kart track's LED timing tower. The render thread
/// draws each frame into the back buffer, then swaps it to the front; the LED driver copies
/// the front buffer out to the panel at its own refresh rate.
/// </summary>
public sealed class TowerFrameBuffer
{
    private readonly object _swapLock = new();
    private byte[] _front;
    private byte[] _back;
    private long _frameNumber;

    public TowerFrameBuffer(int width, int height)
    {
        Width = width;
        Height = height;
        _front = new byte[width * height];
        _back = new byte[width * height];
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Render thread only: the buffer to draw the next frame into.</summary>
    public byte[] BackBuffer => _back;

    /// <summary>Render thread only: publish the back buffer as the current frame.</summary>
    public void Swap()
    {
        lock (_swapLock)
        {
            (_front, _back) = (_back, _front);
            _frameNumber++;
        }
    }

    /// <summary>LED driver: copy the current frame out. Returns the frame number copied.</summary>
    public long CopyFront(Span<byte> destination)
    {
        lock (_swapLock)
        {
            _front.CopyTo(destination);
            return _frameNumber;
        }
    }
}

/// <summary>Draws positions and last-lap times into the tower's frames.</summary>
public sealed class TowerRenderer : IDisposable
{
    private readonly TowerFrameBuffer _buffer;
    private readonly Func<IReadOnlyList<(int Kart, long LastLapMs)>> _standings;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _renderThread;
    private readonly Thread _driverThread;
    private readonly Action<byte[]> _pushToPanel;

    public TowerRenderer(TowerFrameBuffer buffer, Func<IReadOnlyList<(int, long)>> standings, Action<byte[]> pushToPanel)
    {
        _buffer = buffer;
        _standings = standings;
        _pushToPanel = pushToPanel;
        _renderThread = new Thread(RenderLoop) { IsBackground = true, Name = "tower-render" };
        _driverThread = new Thread(DriverLoop) { IsBackground = true, Name = "tower-led" };
        _renderThread.Start();
        _driverThread.Start();
    }

    private void RenderLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            var frame = _buffer.BackBuffer;
            Array.Clear(frame);
            var rows = _standings();
            for (int row = 0; row < Math.Min(rows.Count, _buffer.Height); row++)
            {
                // One brightness byte per column; longer laps draw shorter bars.
                int bar = (int)Math.Clamp(_buffer.Width - rows[row].LastLapMs / 1000, 0, _buffer.Width);
                frame.AsSpan(row * _buffer.Width, bar).Fill(255);
            }

            _buffer.Swap();
            Thread.Sleep(33);
        }
    }

    private void DriverLoop()
    {
        var panel = new byte[_buffer.Width * _buffer.Height];
        long lastFrame = -1;
        while (!_stop.IsCancellationRequested)
        {
            long frame = _buffer.CopyFront(panel);
            if (frame != lastFrame)
            {
                _pushToPanel(panel);
                lastFrame = frame;
            }

            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _renderThread.Join();
        _driverThread.Join();
        _stop.Dispose();
    }
}
