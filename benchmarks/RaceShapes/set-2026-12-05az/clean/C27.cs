using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.ClockTower.Network;

/// <summary>
/// Hours at which a tower face rings its bells; fixed once built.
/// </summary>
public sealed class ChimeSchedule
{
    private readonly HashSet<int> _hours;

    public ChimeSchedule(IEnumerable<int> hours) => _hours = new HashSet<int>(hours);

    public bool ShouldChime(int hour) => _hours.Contains(hour);
}

/// <summary>
/// One face of a clock tower: knows its time zone and which hours it strikes.
/// </summary>
public sealed class ClockFace
{
    private readonly TimeZoneInfo _zone;
    private readonly ChimeSchedule _chimes;
    private int _lastStruckHour = -1;

    internal ClockFace(string name, TimeZoneInfo zone, ChimeSchedule chimes)
    {
        Name = name;
        _zone = zone;
        _chimes = chimes;
    }

    public string Name { get; }

    internal int? Advance(DateTime utcNow)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utcNow, _zone);
        if (local.Minute != 0 || local.Hour == _lastStruckHour)
        {
            return null;
        }

        _lastStruckHour = local.Hour;
        return _chimes.ShouldChime(local.Hour) ? (local.Hour % 12 == 0 ? 12 : local.Hour % 12) : null;
    }
}

/// <summary>
/// Drives every clock face in the town's network from a one-second tick.
/// </summary>
public sealed class TowerTickHub : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ClockFace> _faces = new(StringComparer.OrdinalIgnoreCase);
    private readonly PeriodicTimer _timer = new(TimeSpan.FromSeconds(1));
    private readonly Action<string, int> _strike;
    private readonly Task _loop;

    public TowerTickHub(Action<string, int> strike)
    {
        _strike = strike;
        _loop = Task.Run(RunAsync);
    }

    public ClockFace AddFace(string name, TimeZoneInfo zone, IEnumerable<int> chimeHours)
    {
        var face = new ClockFace(name, zone, new ChimeSchedule(chimeHours));
        if (!_faces.TryAdd(name, face))
        {
            throw new InvalidOperationException($"A face called '{name}' is already registered.");
        }

        return face;
    }

    public bool RemoveFace(string name) => _faces.TryRemove(name, out _);

    private async Task RunAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            var now = DateTime.UtcNow;
            foreach (var face in _faces.Values)
            {
                if (face.Advance(now) is int strokes)
                {
                    _strike(face.Name, strokes);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
    }
}
