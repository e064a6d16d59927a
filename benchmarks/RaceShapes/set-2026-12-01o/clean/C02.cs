using System.Diagnostics;

namespace Karaoke.LyricSync;

public sealed record LyricLine(TimeSpan StartsAt, string Text);

/// <summary>
/// Advances the highlighted lyric line in step with playback. A dedicated clock
/// thread moves the index forward; the UI polls <see cref="CurrentLine"/> on each render.
/// </summary>
public sealed class LyricSyncClock : IDisposable
{
    private readonly LyricLine[] _lines;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _clockThread;
    private int _currentIndex = -1;

    public LyricSyncClock(IEnumerable<LyricLine> lines)
    {
        _lines = lines.OrderBy(l => l.StartsAt).ToArray();
    }

    public LyricLine? CurrentLine
    {
        get
        {
            var index = Volatile.Read(ref _currentIndex);
            return index < 0 ? null : _lines[index];
        }
    }

    public LyricLine? NextLine
    {
        get
        {
            var index = Volatile.Read(ref _currentIndex) + 1;
            return index < _lines.Length ? _lines[index] : null;
        }
    }

    /// <summary>Called from the UI thread when the backing track starts.</summary>
    public void Start(TimeSpan userOffset)
    {
        if (_clockThread is not null)
        {
            throw new InvalidOperationException("Already started.");
        }

        var token = _stop.Token;
        _clockThread = new Thread(() => RunClock(userOffset, token))
        {
            IsBackground = true,
            Name = "lyric-clock",
            Priority = ThreadPriority.AboveNormal,
        };
        _clockThread.Start();
    }

    private void RunClock(TimeSpan userOffset, CancellationToken token)
    {
        var playback = Stopwatch.StartNew();
        var index = -1;
        while (!token.IsCancellationRequested && index < _lines.Length - 1)
        {
            var position = playback.Elapsed + userOffset;
            while (index + 1 < _lines.Length && _lines[index + 1].StartsAt <= position)
            {
                index++;
            }

            Volatile.Write(ref _currentIndex, index);
            token.WaitHandle.WaitOne(15);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _clockThread?.Join();
        _stop.Dispose();
    }
}
