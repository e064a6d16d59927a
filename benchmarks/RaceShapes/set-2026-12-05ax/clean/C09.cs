namespace Blind50.Planetarium.Narration;

public interface IAudioChannel : IDisposable
{
    void PlayCue(string cueId, double volume);
}

/// <summary>
/// Plays the narration cues of a planetarium show at their scheduled offsets. Cues are fired
/// from a timer; the operator may stop the show at any moment from the console, which disposes
/// the player and the audio channel it owns.
/// </summary>
public sealed class NarrationPlayer : IDisposable
{
    private readonly object _sync = new();
    private readonly IReadOnlyList<(TimeSpan Offset, string CueId)> _cues;
    private readonly System.Timers.Timer _timer;
    private readonly DateTime _startedUtc;
    private IAudioChannel? _channel;
    private int _nextCue;
    private double _volume = 0.8;

    public NarrationPlayer(IAudioChannel channel, IReadOnlyList<(TimeSpan Offset, string CueId)> cues)
    {
        _channel = channel;
        _cues = cues.OrderBy(c => c.Offset).ToArray();
        _startedUtc = DateTime.UtcNow;
        _timer = new System.Timers.Timer(100) { AutoReset = true };
        _timer.Elapsed += (_, _) => OnTick();
        _timer.Start();
    }

    public double Volume
    {
        get { lock (_sync) { return _volume; } }
        set { lock (_sync) { _volume = Math.Clamp(value, 0, 1); } }
    }

    public int CuesPlayed
    {
        get { lock (_sync) { return _nextCue; } }
    }

    private void OnTick()
    {
        lock (_sync)
        {
            if (_channel == null)
            {
                return;
            }

            var elapsed = DateTime.UtcNow - _startedUtc;
            while (_nextCue < _cues.Count && _cues[_nextCue].Offset <= elapsed)
            {
                _channel.PlayCue(_cues[_nextCue].CueId, _volume);
                _nextCue++;
            }
        }
    }

    public void Dispose()
    {
        IAudioChannel? channel;
        lock (_sync)
        {
            channel = _channel;
            _channel = null;
        }

        _timer.Dispose();
        channel?.Dispose();
    }
}

/// <summary>Console actions for the show operator.</summary>
public sealed class NarrationConsole
{
    private readonly object _sync = new();
    private readonly Func<IAudioChannel> _openChannel;
    private NarrationPlayer? _player;

    public NarrationConsole(Func<IAudioChannel> openChannel) => _openChannel = openChannel;

    public void Start(IReadOnlyList<(TimeSpan, string)> cues)
    {
        lock (_sync)
        {
            _player?.Dispose();
            _player = new NarrationPlayer(_openChannel(), cues);
        }
    }

    public void SetVolume(double volume)
    {
        lock (_sync)
        {
            if (_player != null)
            {
                _player.Volume = volume;
            }
        }
    }

    public int Stop()
    {
        lock (_sync)
        {
            var played = _player?.CuesPlayed ?? 0;
            _player?.Dispose();
            _player = null;
            return played;
        }
    }
}
