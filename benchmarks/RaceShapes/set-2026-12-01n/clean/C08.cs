namespace Streaming.NowPlaying;

public sealed record Track(string Title, string Artist, TimeSpan Length);

public sealed record NowPlayingInfo(Track Track, int QueuePosition, DateTime StartedUtc);

public interface IAudioOutput
{
    void Play(Track track, CancellationToken ct);
}

/// <summary>
/// Plays a playlist on its own thread and exposes what is currently playing to the UI,
/// the lock-screen widget and the scrobbler.
/// </summary>
public sealed class PlaylistEngine : IDisposable
{
    private readonly IReadOnlyList<Track> _playlist;
    private readonly IAudioOutput _output;
    private readonly Thread _thread;
    private CancellationTokenSource _skip = new();
    private int _stopping;
    private NowPlayingInfo? _nowPlaying;

    public PlaylistEngine(IReadOnlyList<Track> playlist, IAudioOutput output)
    {
        _playlist = playlist;
        _output = output;
        _thread = new Thread(Run) { IsBackground = true, Name = "PlaylistEngine" };
        _thread.Start();
    }

    public NowPlayingInfo? NowPlaying => Volatile.Read(ref _nowPlaying);

    public string Caption
    {
        get
        {
            var info = Volatile.Read(ref _nowPlaying);
            return info is null ? "—" : $"{info.Track.Artist} – {info.Track.Title} ({info.QueuePosition + 1}/{_playlist.Count})";
        }
    }

    public void Skip() => Volatile.Read(ref _skip).Cancel();

    private void Run()
    {
        for (var i = 0; Volatile.Read(ref _stopping) == 0; i = (i + 1) % _playlist.Count)
        {
            var skip = new CancellationTokenSource();
            Interlocked.Exchange(ref _skip, skip);
            if (Volatile.Read(ref _stopping) != 0)
            {
                break;
            }

            Volatile.Write(ref _nowPlaying, new NowPlayingInfo(_playlist[i], i, DateTime.UtcNow));
            try
            {
                _output.Play(_playlist[i], skip.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        Volatile.Write(ref _nowPlaying, null);
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _stopping, 1);
        Volatile.Read(ref _skip).Cancel();
        _thread.Join();
    }
}
