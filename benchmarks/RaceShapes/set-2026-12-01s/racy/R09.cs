using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Timers;

namespace SchoolBus.Tracking;

public sealed record BusPosition(string BusId, double Latitude, double Longitude, double SpeedKph, DateTimeOffset FixTime);

/// <summary>
/// Receives position packets from the bus modems over UDP on a dedicated thread and
/// raises <see cref="PositionReceived"/> for each valid fix.
/// </summary>
public sealed class ModemListener : IDisposable
{
    private readonly UdpClient _udp;
    private volatile bool _stopping;

    public ModemListener(int port) => _udp = new UdpClient(port);

    public event EventHandler<BusPosition>? PositionReceived;

    public void Start()
    {
        var thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "bus-modem-rx" };
        thread.Start();
    }

    private void ReceiveLoop()
    {
        var remote = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping)
        {
            byte[] data;
            try { data = _udp.Receive(ref remote); }
            catch (SocketException) { continue; }
            catch (ObjectDisposedException) { break; }

            // BUSID,lat,lon,speed,unixSeconds
            var parts = Encoding.ASCII.GetString(data).Split(',');
            if (parts.Length != 5) continue;
            var pos = new BusPosition(parts[0],
                double.Parse(parts[1], CultureInfo.InvariantCulture),
                double.Parse(parts[2], CultureInfo.InvariantCulture),
                double.Parse(parts[3], CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[4], CultureInfo.InvariantCulture)));
            PositionReceived?.Invoke(this, pos);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _udp.Dispose();
    }
}

/// <summary>
/// Keeps the latest fix per bus and pushes a board refresh to the dispatch screen
/// every few seconds.
/// </summary>
public sealed class FleetBoard : IDisposable
{
    private readonly Dictionary<string, BusPosition> _latest = new(StringComparer.Ordinal);
    private readonly System.Timers.Timer _refresh;
    private readonly Action<IReadOnlyList<string>> _publish;

    public FleetBoard(ModemListener listener, Action<IReadOnlyList<string>> publish)
    {
        _publish = publish;
        listener.PositionReceived += OnPosition;
        _refresh = new System.Timers.Timer(3000) { AutoReset = true };
        _refresh.Elapsed += OnRefresh;
        _refresh.Start();
        listener.Start();
    }

    private void OnPosition(object? sender, BusPosition position)
    {
        if (!_latest.TryGetValue(position.BusId, out var previous) || position.FixTime > previous.FixTime)
            _latest[position.BusId] = position;
    }

    private void OnRefresh(object? sender, ElapsedEventArgs e)
    {
        var rows = _latest.Values
            .OrderBy(p => p.BusId, StringComparer.Ordinal)
            .Select(p => $"{p.BusId,-6} {p.SpeedKph,5:F1} km/h  last fix {p.FixTime:HH:mm:ss}")
            .ToList();
        _publish(rows);
    }

    public void Dispose() => _refresh.Dispose();
}
