using System;
using System.Collections.Generic;
using System.Threading;
using System.Timers;

namespace Blind52.Quarry.BlastSchedule;

/// <summary>
/// A permitted blasting window, e.g. weekdays 12:00-12:15.
/// </summary>
public sealed record BlastWindow(string Name, IReadOnlySet<DayOfWeek> Days, TimeOnly WarnAt, TimeOnly FireBy)
{
    public bool Matches(DateTimeOffset localNow) =>
        Days.Contains(localNow.DayOfWeek) && TimeOnly.FromDateTime(localNow.DateTime) is var t && t >= WarnAt && t < FireBy;
}

public interface IBlastSirenController
{
    void SoundWarning(BlastWindow window);
}

/// <summary>
/// Cron-style scheduler that sounds the site sirens at the start of each
/// permitted blasting window. The timer checks every 15 seconds.
/// </summary>
public sealed class BlastWindowScheduler : IDisposable
{
    private readonly System.Timers.Timer _timer;
    private readonly IReadOnlyList<BlastWindow> _windows;
    private readonly IBlastSirenController _sirens;
    private readonly TimeProvider _clock;
    private readonly HashSet<string> _sounded = new(StringComparer.Ordinal);
    private DateOnly _soundedOn;
    private int _checking;

    public BlastWindowScheduler(IReadOnlyList<BlastWindow> windows, IBlastSirenController sirens, TimeProvider clock)
    {
        _windows = windows;
        _sirens = sirens;
        _clock = clock;
        _timer = new System.Timers.Timer(TimeSpan.FromSeconds(15).TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public void Start() => _timer.Start();

    private void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        if (Interlocked.CompareExchange(ref _checking, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var now = _clock.GetLocalNow();
            var today = DateOnly.FromDateTime(now.DateTime);
            if (today != _soundedOn)
            {
                _sounded.Clear();
                _soundedOn = today;
            }

            foreach (var window in _windows)
            {
                if (window.Matches(now) && _sounded.Add(window.Name))
                {
                    _sirens.SoundWarning(window);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
