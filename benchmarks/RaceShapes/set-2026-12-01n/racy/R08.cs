namespace Streaming.Playback;

public sealed record Track(string Title, string Artist, TimeSpan Length);

public interface IAudioSink
{
    void Play(Track track, CancellationToken ct);
}

/// <summary>
/// Plays a playlist on a dedicated playback thread. The mini-player UI polls
/// <see cref="DescribeNowPlaying"/> to refresh its caption.
/// </summary>
public sealed class PlaylistPlayer : IDisposable
{
    private readonly object _stateLock = new();
    private readonly IReadOnlyList<Track> _queue;
    private readonly IAudioSink _sink;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _playbackThread;

    private int _index = -1;
    private string _nowPlayingTitle = "";
    private string _nowPlayingArtist = "";

    public PlaylistPlayer(IReadOnlyList<Track> queue, IAudioSink sink)
    {
        _queue = queue;
        _sink = sink;
        _playbackThread = new Thread(PlaybackLoop) { IsBackground = true, Name = "Playback" };
    }

    public void Start() => _playbackThread.Start();

    public int Position
    {
        get
        {
            lock (_stateLock)
            {
                return _index;
            }
        }
    }

    public string DescribeNowPlaying()
    {
        return _nowPlayingTitle.Length == 0 ? "Nothing playing" : $"{_nowPlayingArtist} – {_nowPlayingTitle}";
    }

    private void PlaybackLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Track track;
            lock (_stateLock)
            {
                _index = (_index + 1) % _queue.Count;
                track = _queue[_index];
                _nowPlayingArtist = track.Artist;
                _nowPlayingTitle = track.Title;
            }

            try
            {
                _sink.Play(track, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_playbackThread.IsAlive)
        {
            _playbackThread.Join();
        }
        _stop.Dispose();
    }
}

/// <summary>
/// Mini-player caption, refreshed twice a second from a timer.
/// </summary>
public sealed class MiniPlayerCaption : IDisposable
{
    private readonly Timer _refresh;

    public MiniPlayerCaption(PlaylistPlayer player, Action<string> setCaption)
    {
        _refresh = new Timer(_ => setCaption(player.DescribeNowPlaying()), null, 0, 500);
    }

    public void Dispose() => _refresh.Dispose();
}
