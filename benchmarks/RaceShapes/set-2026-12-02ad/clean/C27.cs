namespace Blind30.FalconersGuild;

public sealed class TelemetryEventArgs : EventArgs
{
    public TelemetryEventArgs(string ring, double lat, double lon, double altitudeM)
    {
        Ring = ring;
        Lat = lat;
        Lon = lon;
        AltitudeM = altitudeM;
    }

    public string Ring { get; }
    public double Lat { get; }
    public double Lon { get; }
    public double AltitudeM { get; }
}

/// <summary>Receives GPS telemetry packets from birds' backpack trackers.</summary>
public sealed class TelemetryReceiver : IDisposable
{
    private readonly Timer _timer;
    private readonly Func<TelemetryEventArgs?> _nextPacket;

    public TelemetryReceiver(Func<TelemetryEventArgs?> nextPacket)
    {
        _nextPacket = nextPacket;
        _timer = new Timer(_ => Poll(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    public event EventHandler<TelemetryEventArgs>? PacketReceived;

    private void Poll()
    {
        while (_nextPacket() is { } packet)
        {
            Volatile.Read(ref PacketReceived)?.Invoke(this, packet);
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>
/// Keeps the flight log for a day's hawking. Telemetry arrives on timer threads and is
/// appended through an async handler; the log is saved after every packet.
/// </summary>
public sealed class FlightLog
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, List<(double Lat, double Lon, double Alt)>> _tracks = new();
    private readonly Func<string, IReadOnlyList<(double, double, double)>, Task> _save;

    public FlightLog(TelemetryReceiver receiver, Func<string, IReadOnlyList<(double, double, double)>, Task> save)
    {
        _save = save;
        receiver.PacketReceived += OnPacketReceived;
    }

    private async void OnPacketReceived(object? sender, TelemetryEventArgs e)
    {
        try
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!_tracks.TryGetValue(e.Ring, out var track))
                {
                    track = new List<(double, double, double)>();
                    _tracks[e.Ring] = track;
                }

                track.Add((e.Lat, e.Lon, e.AltitudeM));
                await _save(e.Ring, track.ToArray()).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Flight log write failed for {e.Ring}: {ex.Message}");
        }
    }

    public async Task<double> MaxAltitudeAsync(string ring)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _tracks.TryGetValue(ring, out var track) && track.Count > 0 ? track.Max(p => p.Alt) : 0;
        }
        finally
        {
            _gate.Release();
        }
    }
}
