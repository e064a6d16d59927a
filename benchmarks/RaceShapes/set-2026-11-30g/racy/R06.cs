using System.Net.Sockets;

namespace Relay.Transport;

public sealed class FrameReceivedEventArgs : EventArgs
{
    public FrameReceivedEventArgs(ReadOnlyMemory<byte> payload) => Payload = payload;
    public ReadOnlyMemory<byte> Payload { get; }
}

/// <summary>
/// Reads length-prefixed frames from a socket on a dedicated thread and raises
/// <see cref="FrameReceived"/> for each one.
/// </summary>
public sealed class FrameReader : IDisposable
{
    private readonly NetworkStream _stream;
    private readonly Thread _readThread;

    public FrameReader(Socket socket)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        _readThread = new Thread(ReadLoop) { IsBackground = true, Name = "frame-reader" };
    }

    public event EventHandler<FrameReceivedEventArgs>? FrameReceived;

    public void Start() => _readThread.Start();

    private void ReadLoop()
    {
        var header = new byte[4];
        try
        {
            while (true)
            {
                _stream.ReadExactly(header);
                int length = BitConverter.ToInt32(header);
                var body = new byte[length];
                _stream.ReadExactly(body);
                FrameReceived?.Invoke(this, new FrameReceivedEventArgs(body));
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or ObjectDisposedException)
        {
            // connection closed
        }
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>Prints the inbound throughput of a connection every few seconds.</summary>
public sealed class ThroughputReporter : IDisposable
{
    private readonly System.Timers.Timer _timer;
    private readonly string _connectionName;
    private long _bytesSinceReport;
    private long _framesSinceReport;

    public ThroughputReporter(FrameReader reader, string connectionName, TimeSpan interval)
    {
        _connectionName = connectionName;
        reader.FrameReceived += OnFrameReceived;

        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += (_, _) => Report(interval);
        _timer.Start();
    }

    private void OnFrameReceived(object? sender, FrameReceivedEventArgs e)
    {
        Interlocked.Increment(ref _framesSinceReport);
        _bytesSinceReport += e.Payload.Length;
    }

    private void Report(TimeSpan interval)
    {
        long frames = Interlocked.Exchange(ref _framesSinceReport, 0);
        long bytes = Interlocked.Exchange(ref _bytesSinceReport, 0);
        double kbPerSecond = bytes / 1024.0 / interval.TotalSeconds;
        Console.WriteLine($"[{_connectionName}] {frames} frames, {kbPerSecond:F1} KiB/s");
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
