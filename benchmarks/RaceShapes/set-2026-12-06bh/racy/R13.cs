using Microsoft.Extensions.Options;

namespace Blind60.CommunityRadio.Compliance;

public sealed class PlayoutComplianceOptions
{
    public List<string> BlockedTrackIds { get; set; } = new();
    public int MaxRepeatsPerDay { get; set; } = 3;
}

/// <summary>
/// Decides whether the automation system may air a track. The blocked list comes from
/// appsettings and is edited by the station manager while the station is on air.
/// Registered as a singleton and called by the playout scheduler and the request-line bot.
/// </summary>
public sealed class TrackComplianceFilter : IDisposable
{
    private readonly HashSet<string> _blocked = new(StringComparer.OrdinalIgnoreCase);
    private readonly IDisposable? _subscription;
    private volatile int _maxRepeats;

    public TrackComplianceFilter(IOptionsMonitor<PlayoutComplianceOptions> options)
    {
        Apply(options.CurrentValue);
        _subscription = options.OnChange(Apply);
    }

    private void Apply(PlayoutComplianceOptions options)
    {
        _blocked.Clear();
        foreach (var id in options.BlockedTrackIds)
        {
            _blocked.Add(id.Trim());
        }
        _maxRepeats = options.MaxRepeatsPerDay;
    }

    public bool MayAir(string trackId, int timesPlayedToday)
    {
        if (timesPlayedToday >= _maxRepeats)
        {
            return false;
        }
        return !_blocked.Contains(trackId);
    }

    public void Dispose() => _subscription?.Dispose();
}

public sealed class RequestLineBot
{
    private readonly TrackComplianceFilter _filter;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _playsToday = new();

    public RequestLineBot(TrackComplianceFilter filter) => _filter = filter;

    public bool TryQueueRequest(string trackId)
    {
        var plays = _playsToday.GetValueOrDefault(trackId);
        if (!_filter.MayAir(trackId, plays))
        {
            return false;
        }
        _playsToday.AddOrUpdate(trackId, 1, (_, n) => n + 1);
        return true;
    }
}
