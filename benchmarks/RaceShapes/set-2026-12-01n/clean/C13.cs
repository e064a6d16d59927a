namespace Theatre.Lighting.Desk;

public sealed record LightingCue(string Number, IReadOnlyDictionary<int, byte> Levels);

public interface IDmxUniverse
{
    void Write(int channel, byte level);
}

/// <summary>
/// Cue playback for the lighting desk. The operator's GO and RELEASE buttons run on the UI
/// thread; a fade timer moves the output levels towards the cue's targets.
/// </summary>
public sealed class CueStack : IDisposable
{
    private const int TickMs = 40;

    private readonly object _levelsLock = new();
    private readonly IDmxUniverse _universe;
    private readonly Dictionary<int, byte> _targets = new();
    private readonly Dictionary<int, double> _output = new();
    private readonly double _stepPerTick;
    private readonly Timer _fadeTimer;
    private string? _activeCue;

    public CueStack(IDmxUniverse universe, TimeSpan fadeTime)
    {
        _universe = universe;
        _stepPerTick = 255.0 / Math.Max(1, fadeTime.TotalMilliseconds / TickMs);
        _fadeTimer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
        _fadeTimer.Change(TickMs, Timeout.Infinite);
    }

    public string? ActiveCue
    {
        get
        {
            lock (_levelsLock)
            {
                return _activeCue;
            }
        }
    }

    public void Go(LightingCue cue)
    {
        lock (_levelsLock)
        {
            _activeCue = cue.Number;
            foreach (var (channel, level) in cue.Levels)
            {
                _targets[channel] = level;
            }
        }
    }

    public void Release()
    {
        lock (_levelsLock)
        {
            _activeCue = null;
            foreach (var channel in _targets.Keys.ToList())
            {
                _targets[channel] = 0;
            }
        }
    }

    private void OnTick(object? state)
    {
        var changes = new List<(int Channel, byte Level)>();
        lock (_levelsLock)
        {
            foreach (var (channel, target) in _targets)
            {
                var current = _output.GetValueOrDefault(channel);
                if (Math.Abs(current - target) < 0.5)
                {
                    continue;
                }

                var next = current < target ? Math.Min(target, current + _stepPerTick) : Math.Max(target, current - _stepPerTick);
                _output[channel] = next;
                changes.Add((channel, (byte)Math.Round(next)));
            }
        }

        foreach (var (channel, level) in changes)
        {
            _universe.Write(channel, level);
        }

        try
        {
            _fadeTimer.Change(TickMs, Timeout.Infinite);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _fadeTimer.Dispose();
}
