using System.Net.Sockets;

namespace Telemetry.Uplink;

public enum LinkStatus
{
    Disconnected,
    Connecting,
    Connected,
}

public sealed class LinkStatusChangedEventArgs : EventArgs
{
    public LinkStatusChangedEventArgs(LinkStatus previous, LinkStatus current)
    {
        Previous = previous;
        Current = current;
    }

    public LinkStatus Previous { get; }
    public LinkStatus Current { get; }
}

/// <summary>
/// Watches the TCP link to the collector. The status is re-evaluated on a
/// timer thread; UI panels and the reconnect logic subscribe to
/// <see cref="StatusChanged"/> and may unsubscribe at any time.
/// </summary>
public sealed class UplinkMonitor : IDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly Timer _timer;
    private int _status = (int)LinkStatus.Disconnected;
    private int _checking;

    public UplinkMonitor(string host, int port, TimeSpan interval)
    {
        _host = host;
        _port = port;
        _timer = new Timer(_ => _ = CheckAsync(), null, TimeSpan.Zero, interval);
    }

    public event EventHandler<LinkStatusChangedEventArgs>? StatusChanged;

    public LinkStatus Status => (LinkStatus)Volatile.Read(ref _status);

    private async Task CheckAsync()
    {
        if (Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return;
        }

        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await client.ConnectAsync(_host, _port, timeout.Token).ConfigureAwait(false);
                SetStatus(LinkStatus.Connected);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                SetStatus(LinkStatus.Disconnected);
            }
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    private void SetStatus(LinkStatus status)
    {
        var previous = (LinkStatus)Interlocked.Exchange(ref _status, (int)status);
        if (previous == status)
        {
            return;
        }

        var handler = Volatile.Read(ref StatusChanged);
        handler?.Invoke(this, new LinkStatusChangedEventArgs(previous, status));
    }

    public void Dispose() => _timer.Dispose();
}
