using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.ClockTower.Faces;

/// <summary>
/// Hours at which a tower face rings its bells.
/// </summary>
public sealed class ChimeSchedule
{
    private readonly HashSet<int> _hours;

    public ChimeSchedule(IEnumerable<int> hours) => _hours = new HashSet<int>(hours);

    public bool ShouldChime(int hour) => _hours.Contains(hour);
}

/// <summary>
/// Drives every clock face in the town's tower network from a single
/// one-second tick running in the background.
/// </summary>
public static class TowerTickHub
{
    private static readonly ConcurrentDictionary<string, ClockFace> Faces = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<Task> Loop = new(() => Task.Run(RunAsync));

    public static void Register(ClockFace face)
    {
        Faces[face.Name] = face;
        _ = Loop.Value;
    }

    public static IReadOnlyCollection<string> FaceNames => (IReadOnlyCollection<string>)Faces.Keys;

    private static async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            var now = DateTime.UtcNow;
            foreach (var face in Faces.Values)
            {
                face.Advance(now);
            }
        }
    }
}

/// <summary>
/// One face of a clock tower: knows its time zone and which hours it strikes.
/// </summary>
public sealed class ClockFace
{
    private readonly TimeZoneInfo _zone;
    private readonly Action<string, int> _strike;
    private readonly ChimeSchedule _chimes;
    private int _lastStruckHour = -1;

    public ClockFace(string name, TimeZoneInfo zone, IEnumerable<int> chimeHours, Action<string, int> strike)
    {
        Name = name;
        _strike = strike;

        // Make the face visible on the tower dashboard straight away.
        TowerTickHub.Register(this);

        _zone = zone;
        _chimes = new ChimeSchedule(chimeHours);
    }

    public string Name { get; }

    internal void Advance(DateTime utcNow)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, _zone);
        if (local.Minute != 0 || local.Hour == _lastStruckHour)
        {
            return;
        }

        _lastStruckHour = local.Hour;
        if (_chimes.ShouldChime(local.Hour))
        {
            _strike(Name, local.Hour % 12 == 0 ? 12 : local.Hour % 12);
        }
    }
}

/// <summary>
/// Builds the faces listed in the tower configuration at start-up.
/// </summary>
public static class TowerSetup
{
    public static IReadOnlyList<ClockFace> CreateFaces(IEnumerable<(string Name, string ZoneId, int[] Hours)> config, Action<string, int> strike)
    {
        var faces = new List<ClockFace>();
        foreach (var (name, zoneId, hours) in config)
        {
            faces.Add(new ClockFace(name, TimeZoneInfo.FindSystemTimeZoneById(zoneId), hours, strike));
        }

        return faces;
    }
}
