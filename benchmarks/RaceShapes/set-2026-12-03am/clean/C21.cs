using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind39.Carillon.Peals;

public readonly record struct BellStrike(int Bell, int VelocityPercent);

/// <summary>
/// Plays a programmed peal on the carillon's automatic strikers. Each tick strikes the
/// next chord and schedules the following one.
/// </summary>
public sealed class AutomaticPealPlayer
{
    private readonly IReadOnlyList<BellStrike[]> _chords;
    private readonly Action<BellStrike> _strike;
    private readonly TimeSpan _beat;
    private readonly Timer _timer;
    private int _nextChord;
    private int _strikesSent;
    private int _started;

    public AutomaticPealPlayer(IReadOnlyList<BellStrike[]> chords, Action<BellStrike> strike, TimeSpan beat)
    {
        _chords = chords;
        _strike = strike;
        _beat = beat;
        _timer = new Timer(OnBeat, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("This peal has already been started.");
        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void OnBeat(object? state)
    {
        if (_nextChord >= _chords.Count)
            return;

        foreach (var strike in _chords[_nextChord])
        {
            _strike(strike);
            Interlocked.Increment(ref _strikesSent);
        }
        _nextChord++;

        if (_nextChord < _chords.Count)
        {
            try
            {
                _timer.Change(_beat, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // stopped between chords
            }
        }
    }

    /// <summary>Stops the peal, waits for any chord in progress, and returns how many strikes were played.</summary>
    public int Stop()
    {
        using var stopped = new ManualResetEvent(false);
        if (_timer.Dispose(stopped))
            stopped.WaitOne();
        return Volatile.Read(ref _strikesSent);
    }
}

/// <summary>Builds the Sunday change-ringing pattern for a given number of bells.</summary>
public static class SundayProgramme
{
    public static IReadOnlyList<BellStrike[]> Rounds(int bells, int repeats)
    {
        var chords = new List<BellStrike[]>();
        for (int r = 0; r < repeats; r++)
        {
            for (int b = 1; b <= bells; b++)
                chords.Add(new[] { new BellStrike(b, b == bells ? 100 : 80) });
        }
        return chords;
    }
}
