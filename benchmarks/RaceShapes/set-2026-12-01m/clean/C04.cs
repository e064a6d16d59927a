namespace Fleet.Dashboard;

public sealed record VehicleSnapshot(string VehicleId, double Latitude, double Longitude, double SpeedKph, DateTime Utc);

public interface IPositionFeed
{
    VehicleSnapshot ReadNext(CancellationToken token);
}

/// <summary>
/// Latest known position of one truck, fed from its modem on a dedicated thread and
/// read by dashboard requests.
/// </summary>
public sealed class TruckPosition : IDisposable
{
    private readonly IPositionFeed _feed;
    private readonly CancellationTokenSource _cts = new();
    private readonly Thread _reader;
    private VehicleSnapshot? _latest;

    public TruckPosition(string vehicleId, IPositionFeed feed)
    {
        VehicleId = vehicleId;
        _feed = feed;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "pos-" + vehicleId };
        _reader.Start();
    }

    public string VehicleId { get; }

    private void ReadLoop()
    {
        try
        {
            while (!_cts.IsCancellationRequested)
            {
                var snapshot = _feed.ReadNext(_cts.Token);
                Volatile.Write(ref _latest, snapshot);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public string Describe()
    {
        var s = Volatile.Read(ref _latest);
        if (s is null)
        {
            return $"{VehicleId}: no fix yet";
        }

        var age = DateTime.UtcNow - s.Utc;
        return $"{VehicleId}: {s.Latitude:F5},{s.Longitude:F5} at {s.SpeedKph:F0} km/h ({age.TotalSeconds:F0}s ago)";
    }

    public bool IsStale(TimeSpan maxAge)
    {
        var s = Volatile.Read(ref _latest);
        return s is null || DateTime.UtcNow - s.Utc > maxAge;
    }

    public void Dispose()
    {
        _cts.Cancel();
        _reader.Join(TimeSpan.FromSeconds(2));
    }
}
