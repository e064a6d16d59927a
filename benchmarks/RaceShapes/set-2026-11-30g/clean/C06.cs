using System.Net.Sockets;

namespace Relay.Transport.Monitoring;

public sealed class PacketEventArgs : EventArgs
{
    public PacketEventArgs(int length) => Length = length;
    public int Length { get; }
}

/// <summary>Receives datagrams on a background thread and raises an event per packet.</summary>
public sealed class UdpReceiver : IDisposable
{
    private readonly UdpClient _client;
    private readonly Thread _thread;

    public UdpReceiver(int port)
    {
        _client = new UdpClient(port);
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "udp-receive" };
    }

    public event EventHandler<PacketEventArgs>? PacketReceived;

    public void Start() => _thread.Start();

    private void ReceiveLoop()
    {
        var remote = new System.Net.IPEndPoint(System.Net.IPAddress.Any, 0);
        try
        {
            while (true)
            {
                byte[] data = _client.Receive(ref remote);
                PacketReceived?.Invoke(this, new PacketEventArgs(data.Length));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // socket closed
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>
/// Watches a receiver for liveness and logs throughput. The packet handler runs on
/// the receive thread; the check runs on a timer thread.
/// </summary>
public sealed class LinkMonitor : IDisposable
{
    private readonly System.Timers.Timer _timer;
    private readonly TimeSpan _silenceThreshold;
    private long _bytesSinceCheck;
    private long _lastPacketTicks;

    public LinkMonitor(UdpReceiver receiver, TimeSpan checkInterval, TimeSpan silenceThreshold)
    {
        _silenceThreshold = silenceThreshold;
        _lastPacketTicks = DateTime.UtcNow.Ticks;
        receiver.PacketReceived += OnPacket;

        _timer = new System.Timers.Timer(checkInterval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += (_, _) => Check(checkInterval);
        _timer.Start();
    }

    public event Action<TimeSpan>? LinkSilent;

    public DateTime LastPacketUtc => new(Interlocked.Read(ref _lastPacketTicks), DateTimeKind.Utc);

    private void OnPacket(object? sender, PacketEventArgs e)
    {
        Interlocked.Add(ref _bytesSinceCheck, e.Length);
        Interlocked.Exchange(ref _lastPacketTicks, DateTime.UtcNow.Ticks);
    }

    private void Check(TimeSpan interval)
    {
        long bytes = Interlocked.Exchange(ref _bytesSinceCheck, 0);
        Console.WriteLine($"link throughput: {bytes / interval.TotalSeconds:F0} B/s");

        var silentFor = DateTime.UtcNow - LastPacketUtc;
        if (silentFor > _silenceThreshold)
            LinkSilent?.Invoke(silentFor);
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
