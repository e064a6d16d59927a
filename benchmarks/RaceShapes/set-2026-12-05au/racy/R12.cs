using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Hosting;

namespace Blind47.SnowGrooming.Fleet;

public readonly record struct TrackPoint(double Lat, double Lon, double BladeDepthCm, DateTime At);

/// <summary>Live state for one piste basher connected to the fleet hub.</summary>
public sealed class GroomerSession
{
    public GroomerSession(string connectionId, string vehicle)
    {
        ConnectionId = connectionId;
        Vehicle = vehicle;
    }

    public string ConnectionId { get; }
    public string Vehicle { get; }
    public List<TrackPoint> Track { get; } = new();
}

/// <summary>
/// Connection registry for the grooming fleet hub. Each vehicle's cab unit
/// streams its position; the dispatcher's map reads the recent tracks.
/// Registered as a singleton.
/// </summary>
public sealed class GroomerRegistry
{
    private readonly ConcurrentDictionary<string, GroomerSession> _sessions = new();

    public GroomerSession Connect(string connectionId, string vehicle)
        => _sessions.GetOrAdd(connectionId, id => new GroomerSession(id, vehicle));

    public void Disconnect(string connectionId) => _sessions.TryRemove(connectionId, out _);

    /// <summary>Called by the hub for each position message from a cab unit.</summary>
    public void ReportPosition(string connectionId, TrackPoint point)
    {
        if (_sessions.TryGetValue(connectionId, out var session))
        {
            lock (session.Track)
            {
                session.Track.Add(point);
            }
        }
    }

    public IReadOnlyList<TrackPoint> RecentTrack(string connectionId)
    {
        if (!_sessions.TryGetValue(connectionId, out var session))
        {
            return Array.Empty<TrackPoint>();
        }

        lock (session.Track)
        {
            return session.Track.ToArray();
        }
    }

    public IEnumerable<GroomerSession> Sessions => _sessions.Values;
}

/// <summary>
/// Trims old track points so the dispatcher's map only shows the last hour
/// of grooming for each vehicle.
/// </summary>
public sealed class TrackSweeper : BackgroundService
{
    private readonly GroomerRegistry _registry;
    private readonly TimeSpan _keep = TimeSpan.FromHours(1);

    public TrackSweeper(GroomerRegistry registry) => _registry = registry;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var cutoff = DateTime.UtcNow - _keep;
            foreach (var session in _registry.Sessions)
            {
                session.Track.RemoveAll(p => p.At < cutoff);
            }
        }
    }
}
