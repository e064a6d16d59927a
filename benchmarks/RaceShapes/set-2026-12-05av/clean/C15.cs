using System.Threading.Channels;

namespace Blind48.FireLookout.Lightning;

public sealed class LightningStrikeEventArgs : EventArgs
{
    public LightningStrikeEventArgs(string towerId, double bearing, double distanceKm)
    {
        TowerId = towerId;
        Bearing = bearing;
        DistanceKm = distanceKm;
    }

    public string TowerId { get; }
    public double Bearing { get; }
    public double DistanceKm { get; }
}

public interface IWeatherRelay
{
    Task ForwardAsync(string towerId, double bearing, double distanceKm, CancellationToken ct);
}

/// <summary>
/// Listens for lightning strikes reported by the lookout towers' detectors,
/// which raise <see cref="LightningStrikeEventArgs"/> events from their own
/// polling threads, forwards them to the weather service, and keeps per-tower
/// counts for the watch log.
/// </summary>
public sealed class LightningWatchLog : IAsyncDisposable
{
    private readonly IWeatherRelay _relay;
    private readonly Channel<LightningStrikeEventArgs> _forwarded = Channel.CreateUnbounded<LightningStrikeEventArgs>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, int> _strikesByTower = new(StringComparer.Ordinal);
    private readonly Task _consumer;
    private IReadOnlyDictionary<string, int> _published = new Dictionary<string, int>();

    public LightningWatchLog(IWeatherRelay relay)
    {
        _relay = relay;
        _consumer = Task.Run(ConsumeAsync);
    }

    public IReadOnlyDictionary<string, int> StrikesByTower => Volatile.Read(ref _published);

    public async void OnStrike(object? sender, LightningStrikeEventArgs e)
    {
        try
        {
            await _relay.ForwardAsync(e.TowerId, e.Bearing, e.DistanceKm, CancellationToken.None);
            _forwarded.Writer.TryWrite(e);
        }
        catch (HttpRequestException)
        {
            // The weather service has its own outage alarm.
        }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var strike in _forwarded.Reader.ReadAllAsync())
        {
            _strikesByTower.TryGetValue(strike.TowerId, out var n);
            _strikesByTower[strike.TowerId] = n + 1;
            Volatile.Write(ref _published, new Dictionary<string, int>(_strikesByTower, StringComparer.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _forwarded.Writer.TryComplete();
        await _consumer;
    }
}
