namespace Blind59.Bonsai.Irrigation;

public sealed class ZoneWateredEventArgs : EventArgs
{
    public ZoneWateredEventArgs(string zone, TimeSpan duration, double litres)
    {
        Zone = zone;
        Duration = duration;
        Litres = litres;
    }

    public string Zone { get; }
    public TimeSpan Duration { get; }
    public double Litres { get; }
}

/// <summary>
/// Drives the nursery's misting and drip zones. Each zone runs on a thread-pool work
/// item and raises <see cref="ZoneWatered"/> from that thread when it finishes.
/// </summary>
public sealed class IrrigationController
{
    public event EventHandler<ZoneWateredEventArgs>? ZoneWatered;

    public Task RunCycleAsync(IReadOnlyDictionary<string, TimeSpan> zones, Func<string, TimeSpan, double> openValve, IProgress<string> progress)
    {
        return Parallel.ForEachAsync(zones, async (zone, ct) =>
        {
            double litres = await Task.Run(() => openValve(zone.Key, zone.Value), ct).ConfigureAwait(false);
            ZoneWatered?.Invoke(this, new ZoneWateredEventArgs(zone.Key, zone.Value, litres));
            progress.Report(zone.Key);
        });
    }
}

/// <summary>
/// Keeps the day's water usage per zone and appends each event to the nursery's
/// watering journal file.
/// </summary>
public sealed class WateringJournal
{
    private readonly object _totalsLock = new();
    private readonly Dictionary<string, double> _litresByZone = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _fileGate = new(1, 1);
    private readonly string _path;
    private int _zonesReported;

    public WateringJournal(IrrigationController controller, string path)
    {
        _path = path;
        controller.ZoneWatered += OnZoneWatered;
    }

    public int ZonesReported => Volatile.Read(ref _zonesReported);

    public IReadOnlyDictionary<string, double> TotalsToday()
    {
        lock (_totalsLock)
        {
            return new Dictionary<string, double>(_litresByZone, StringComparer.OrdinalIgnoreCase);
        }
    }

    public IProgress<string> CreateProgress() =>
        new Progress<string>(_ => Interlocked.Increment(ref _zonesReported));

    private async void OnZoneWatered(object? sender, ZoneWateredEventArgs e)
    {
        lock (_totalsLock)
        {
            _litresByZone.TryGetValue(e.Zone, out var sofar);
            _litresByZone[e.Zone] = sofar + e.Litres;
        }

        try
        {
            await _fileGate.WaitAsync().ConfigureAwait(false);
            try
            {
                await File.AppendAllTextAsync(_path,
                    $"{DateTime.Now:yyyy-MM-dd HH:mm:ss}\t{e.Zone}\t{e.Duration.TotalSeconds:F0}s\t{e.Litres:F1} L{Environment.NewLine}")
                    .ConfigureAwait(false);
            }
            finally
            {
                _fileGate.Release();
            }
        }
        catch (IOException)
        {
            // The journal is informational; the totals above are what the grower reads.
        }
    }
}
