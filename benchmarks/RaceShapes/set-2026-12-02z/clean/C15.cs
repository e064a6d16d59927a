using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind26.SnowGroomers.Tracking;

public sealed record GroomerFix(string GroomerId, string Piste, double Lat, double Lon, DateTimeOffset At);

/// <summary>App-wide singleton exposing the latest fleet picture to the API.</summary>
public sealed class GroomerPositionStore
{
    private ImmutableDictionary<string, GroomerFix> _fixes = ImmutableDictionary<string, GroomerFix>.Empty;

    public IReadOnlyDictionary<string, GroomerFix> Current => Volatile.Read(ref _fixes);

    internal void Publish(ImmutableDictionary<string, GroomerFix> snapshot) => Volatile.Write(ref _fixes, snapshot);

    public IReadOnlyList<GroomerFix> OnPiste(string piste) =>
        Current.Values.Where(f => string.Equals(f.Piste, piste, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.GroomerId)
            .ToList();
}

/// <summary>Consumes radio GPS fixes and publishes a fresh snapshot after each batch.</summary>
public sealed class GroomerTrackingService : BackgroundService
{
    private readonly ChannelReader<GroomerFix> _fixes;
    private readonly GroomerPositionStore _store;
    private readonly Dictionary<string, GroomerFix> _working = new();

    public GroomerTrackingService(ChannelReader<GroomerFix> fixes, GroomerPositionStore store)
    {
        _fixes = fixes;
        _store = store;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _fixes.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            bool changed = false;
            while (_fixes.TryRead(out var fix))
            {
                if (_working.TryGetValue(fix.GroomerId, out var previous) && previous.At >= fix.At)
                {
                    continue;
                }

                _working[fix.GroomerId] = fix;
                changed = true;
            }

            if (changed)
            {
                _store.Publish(_working.ToImmutableDictionary());
            }
        }
    }
}

/// <summary>Used by the piste status controller.</summary>
public sealed class PisteStatusQuery
{
    private readonly GroomerPositionStore _store;

    public PisteStatusQuery(GroomerPositionStore store) => _store = store;

    public IReadOnlyList<string> Silent(TimeSpan threshold, DateTimeOffset now) =>
        _store.Current.Values.Where(f => now - f.At > threshold).Select(f => f.GroomerId).ToList();
}
