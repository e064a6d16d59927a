namespace Blind60.WeatherBuoys.Status;

public sealed record BuoyReading(string BuoyId, DateTime TakenUtc, double WaveHeightMetres, double WindKnots);

/// <summary>
/// Reads NMEA-style lines from a buoy's serial link on a background loop and raises
/// <see cref="ReadingReceived"/> for each parsed sentence.
/// </summary>
public sealed class BuoySerialDriver : IAsyncDisposable
{
    private readonly TextReader _port;
    private readonly string _buoyId;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public BuoySerialDriver(string buoyId, TextReader port)
    {
        _buoyId = buoyId;
        _port = port;
    }

    public event EventHandler<BuoyReading>? ReadingReceived;

    public void Start() => _loop = Task.Run(() => ReadLoopAsync(_stop.Token));

    private async Task ReadLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var line = await _port.ReadLineAsync(ct);
            if (line is null)
            {
                break;
            }

            var parts = line.Split(',');
            if (parts.Length >= 3 && parts[0] == "$WAV"
                && double.TryParse(parts[1], out var wave)
                && double.TryParse(parts[2], out var wind))
            {
                ReadingReceived?.Invoke(this, new BuoyReading(_buoyId, DateTime.UtcNow, wave, wind));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null)
        {
            try { await _loop; } catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}

/// <summary>
/// Keeps the last few readings for the harbour office status page.
/// The status endpoint calls <see cref="GetStatus"/> on request threads.
/// </summary>
public sealed class BuoyStatusBoard
{
    private const int Keep = 50;
    private readonly List<BuoyReading> _recent = new();

    public void Attach(BuoySerialDriver driver) => driver.ReadingReceived += OnReading;

    private void OnReading(object? sender, BuoyReading reading)
    {
        _recent.Add(reading);
        if (_recent.Count > Keep)
        {
            _recent.RemoveAt(0);
        }
    }

    public object GetStatus()
    {
        var latestByBuoy = _recent
            .GroupBy(r => r.BuoyId)
            .Select(g => g.OrderByDescending(r => r.TakenUtc).First())
            .ToArray();

        return new
        {
            Buoys = latestByBuoy,
            MaxWave = latestByBuoy.Length == 0 ? 0 : latestByBuoy.Max(r => r.WaveHeightMetres),
        };
    }
}
