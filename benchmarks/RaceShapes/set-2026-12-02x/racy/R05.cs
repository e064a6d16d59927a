namespace Blind24.Planetarium;

public sealed record DomeShow(string Title, TimeSpan Duration, string ContentPath);

public interface IProjectorBank
{
    void Load(string contentPath);
}

/// <summary>
/// Cycles the dome projectors through the evening playlist. A timer checks once a
/// second whether the current show has finished; the operator console can also
/// skip ahead or restart the playlist at any time.
/// </summary>
public sealed class DomePlaylistController : IDisposable
{
    private readonly object _gate = new();
    private readonly IReadOnlyList<DomeShow> _playlist;
    private readonly IProjectorBank _projectors;
    private readonly Timer _timer;
    private int _index;
    private DateTime _startedUtc;

    public DomePlaylistController(IReadOnlyList<DomeShow> playlist, IProjectorBank projectors)
    {
        if (playlist.Count == 0)
        {
            throw new ArgumentException("Playlist is empty.", nameof(playlist));
        }

        _playlist = playlist;
        _projectors = projectors;
        _startedUtc = DateTime.UtcNow;
        _projectors.Load(_playlist[0].ContentPath);
        _timer = new Timer(OnTick, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public DomeShow Current
    {
        get { lock (_gate) { return _playlist[_index]; } }
    }

    private void OnTick(object? state)
    {
        DomeShow show;
        DateTime started;
        lock (_gate)
        {
            show = _playlist[_index];
            started = _startedUtc;
        }

        if (DateTime.UtcNow - started < show.Duration)
        {
            return;
        }

        _index = (_index + 1) % _playlist.Count;
        _startedUtc = DateTime.UtcNow;
        _projectors.Load(_playlist[_index].ContentPath);
    }

    /// <summary>Called from the operator console.</summary>
    public void Skip()
    {
        lock (_gate)
        {
            _index = (_index + 1) % _playlist.Count;
            _startedUtc = DateTime.UtcNow;
            _projectors.Load(_playlist[_index].ContentPath);
        }
    }

    /// <summary>Called from the operator console.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _index = 0;
            _startedUtc = DateTime.UtcNow;
            _projectors.Load(_playlist[0].ContentPath);
        }
    }

    public void Dispose() => _timer.Dispose();
}
