using Microsoft.Extensions.Hosting;

namespace Blind29.IceRink.Resurfacing;

public sealed record ResurfaceSlot(string Pad, DateTimeOffset Start, TimeSpan Duration, string Driver);

/// <summary>
/// Resurfacing schedule for the rink's ice pads. Registered as a singleton: the
/// booking API checks it for conflicts and the arena display lists the next slots.
/// </summary>
public sealed class ResurfaceSchedule
{
    private readonly object _sync = new();
    private readonly List<ResurfaceSlot> _slots = new();

    public bool TryAdd(ResurfaceSlot slot)
    {
        lock (_sync)
        {
            var clash = _slots.Any(s => s.Pad == slot.Pad &&
                                        s.Start < slot.Start + slot.Duration &&
                                        slot.Start < s.Start + s.Duration);
            if (clash)
            {
                return false;
            }

            _slots.Add(slot);
            _slots.Sort((a, b) => a.Start.CompareTo(b.Start));
            return true;
        }
    }

    public int Prune(DateTimeOffset now)
    {
        lock (_sync)
        {
            return _slots.RemoveAll(s => s.Start + s.Duration <= now);
        }
    }

    public IReadOnlyList<ResurfaceSlot> Next(int count)
    {
        lock (_sync)
        {
            return _slots.Take(count).ToArray();
        }
    }
}

/// <summary>Adds the standard between-session resurfacing slots and prunes old ones.</summary>
public sealed class ResurfacePlanner : BackgroundService
{
    private readonly ResurfaceSchedule _schedule;
    private readonly string[] _pads;

    public ResurfacePlanner(ResurfaceSchedule schedule, string[] pads)
    {
        _schedule = schedule;
        _pads = pads;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(5));
        do
        {
            var now = DateTimeOffset.UtcNow;
            _schedule.Prune(now);
            var nextHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
            foreach (var pad in _pads)
            {
                _schedule.TryAdd(new ResurfaceSlot(pad, nextHour.AddMinutes(-15), TimeSpan.FromMinutes(15), "rota"));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
