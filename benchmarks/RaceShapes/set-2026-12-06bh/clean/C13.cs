using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Blind60.CommunityRadio.Streaming;

public sealed class StreamRelayOptions
{
    public List<string> AllowedRelayHosts { get; set; } = new();
    public int MaxListenersPerRelay { get; set; } = 200;
    public string FallbackMount { get; set; } = "/fallback.mp3";
}

/// <summary>
/// Validates incoming relay connections for the station's Icecast-style stream.
/// The settings are reloaded from configuration while the station is on air; relay
/// connections are checked on many threads at once. Registered as a singleton.
/// </summary>
public sealed class RelayAdmissionPolicy : IDisposable
{
    private sealed record Settings(FrozenSet<string> Hosts, int MaxListeners, string FallbackMount);

    private volatile Settings _settings;
    private readonly IDisposable? _reloadSubscription;

    public RelayAdmissionPolicy(IOptionsMonitor<StreamRelayOptions> monitor)
    {
        _settings = Build(monitor.CurrentValue);
        _reloadSubscription = monitor.OnChange(o => _settings = Build(o));
    }

    private static Settings Build(StreamRelayOptions o) => new(
        o.AllowedRelayHosts.Select(h => h.Trim()).Where(h => h.Length > 0)
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase),
        Math.Max(1, o.MaxListenersPerRelay),
        o.FallbackMount);

    public (bool Allowed, string? Redirect) Admit(string relayHost, int currentListeners)
    {
        var s = _settings;
        if (!s.Hosts.Contains(relayHost))
        {
            return (false, null);
        }
        if (currentListeners >= s.MaxListeners)
        {
            return (true, s.FallbackMount);
        }
        return (true, null);
    }

    public int AllowedHostCount => _settings.Hosts.Count;

    public void Dispose() => _reloadSubscription?.Dispose();
}
