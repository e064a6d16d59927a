namespace Blind30.TheatreLighting;

public sealed record LightingCue(double Number, string Label, TimeSpan Fade);

public sealed class CueFiredEventArgs : EventArgs
{
    public CueFiredEventArgs(LightingCue cue) => Cue = cue;
    public LightingCue Cue { get; }
}

/// <summary>
/// Cue stack of the lighting desk. The show controller fires cues from its own thread;
/// the fader panels, the DMX output and the show-log plug-in subscribe and unsubscribe
/// whenever they are opened or closed.
/// </summary>
public sealed class CueStack
{
    private readonly object _sync = new();
    private readonly List<LightingCue> _cues = new();
    private EventHandler<CueFiredEventArgs>? _cueFired;
    private int _position = -1;

    public event EventHandler<CueFiredEventArgs>? CueFired
    {
        add
        {
            lock (_sync)
            {
                _cueFired += value;
            }
        }
        remove
        {
            _cueFired -= value;
        }
    }

    public void Add(LightingCue cue)
    {
        lock (_sync)
        {
            _cues.Add(cue);
            _cues.Sort((a, b) => a.Number.CompareTo(b.Number));
        }
    }

    public bool Go()
    {
        LightingCue cue;
        EventHandler<CueFiredEventArgs>? handlers;

        lock (_sync)
        {
            if (_position + 1 >= _cues.Count)
            {
                return false;
            }

            cue = _cues[++_position];
            handlers = _cueFired;
        }

        handlers?.Invoke(this, new CueFiredEventArgs(cue));
        return true;
    }
}

/// <summary>Runs an automated pre-show sequence, firing the next cue each time the fade finishes.</summary>
public sealed class ShowController
{
    private readonly CueStack _stack;

    public ShowController(CueStack stack) => _stack = stack;

    public Thread StartAutoFollow(CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested && _stack.Go())
            {
                Thread.Sleep(500);
            }
        })
        {
            IsBackground = true,
            Name = "cue-autofollow",
        };
        thread.Start();
        return thread;
    }
}
