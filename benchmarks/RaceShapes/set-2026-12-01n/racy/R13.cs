using System.Timers;

namespace Theatre.Lighting;

public sealed record Cue(string Number, IReadOnlyDictionary<int, byte> Levels, TimeSpan FadeTime);

public interface IDmxOutput
{
    void Send(int channel, byte level);
}

/// <summary>
/// Runs cues on the lighting desk. The operator's GO button calls <see cref="Go"/> from the
/// desk UI thread; a fade timer steps every channel towards its target level.
/// </summary>
public sealed class CuePlayer : IDisposable
{
    private const double TickMs = 25;

    private readonly IDmxOutput _dmx;
    private readonly System.Timers.Timer _fadeTimer;
    private readonly Dictionary<int, byte> _targets = new();
    private readonly Dictionary<int, double> _levels = new();
    private readonly double _stepPerTick;

    public CuePlayer(IDmxOutput dmx, TimeSpan fullFadeTime)
    {
        _dmx = dmx;
        _stepPerTick = 255 / Math.Max(1, fullFadeTime.TotalMilliseconds / TickMs);
        _fadeTimer = new System.Timers.Timer(TickMs) { AutoReset = false };
        _fadeTimer.Elapsed += OnFadeTick;
        _fadeTimer.Start();
    }

    public string? CurrentCue { get; private set; }

    public void Go(Cue cue)
    {
        CurrentCue = cue.Number;
        foreach (var (channel, level) in cue.Levels)
        {
            _targets[channel] = level;
        }
    }

    private void OnFadeTick(object? sender, ElapsedEventArgs e)
    {
        try
        {
            foreach (var (channel, target) in _targets)
            {
                var current = _levels.TryGetValue(channel, out var l) ? l : 0;
                if (Math.Abs(current - target) < 0.5)
                {
                    continue;
                }

                var next = current < target
                    ? Math.Min(target, current + _stepPerTick)
                    : Math.Max(target, current - _stepPerTick);
                _levels[channel] = next;
                _dmx.Send(channel, (byte)Math.Round(next));
            }
        }
        finally
        {
            _fadeTimer.Start();
        }
    }

    public void Dispose()
    {
        _fadeTimer.Dispose();
    }
}
