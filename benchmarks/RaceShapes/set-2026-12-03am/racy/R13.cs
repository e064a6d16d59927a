using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Blind39.IceRink.Presence;

/// <summary>
/// Tracks which skaters' phones are connected to the rink hub during a public session.
/// Singleton; every WebSocket connection calls <see cref="Join"/> and <see cref="Leave"/>.
/// </summary>
public sealed class SkaterPresenceTracker
{
    private readonly object _gate = new();
    private readonly HashSet<string> _onTheIce = new(StringComparer.Ordinal);

    public void Join(string skaterId)
    {
        lock (_gate)
        {
            _onTheIce.Add(skaterId);
        }
    }

    public void Leave(string skaterId)
    {
        lock (_gate)
        {
            _onTheIce.Remove(skaterId);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _onTheIce.Count;
            }
        }
    }

    public IReadOnlyCollection<string> OnTheIce
    {
        get
        {
            lock (_gate)
            {
                return _onTheIce;
            }
        }
    }
}

/// <summary>Sends rink announcements (resurfacing, session end) to every connected skater.</summary>
public sealed class RinkAnnouncer
{
    private readonly SkaterPresenceTracker _tracker;
    private readonly Func<string, string, Task> _sendToSkater;

    public RinkAnnouncer(SkaterPresenceTracker tracker, Func<string, string, Task> sendToSkater)
    {
        _tracker = tracker;
        _sendToSkater = sendToSkater;
    }

    public async Task<int> AnnounceAsync(string message)
    {
        var sends = new List<Task>();
        foreach (var skaterId in _tracker.OnTheIce)
        {
            sends.Add(_sendToSkater(skaterId, message));
        }

        await Task.WhenAll(sends);
        return sends.Count;
    }

    public Task ResurfacingAsync(TimeSpan inMinutes) =>
        AnnounceAsync($"Ice resurfacing in {inMinutes.TotalMinutes:F0} minutes - please leave the ice.");
}
