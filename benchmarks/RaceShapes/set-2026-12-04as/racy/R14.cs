namespace Blind45.Planetarium.Shows;

public sealed record ShowInfo(string Code, string Title, TimeSpan Duration, string Narrator, bool FullDome);

public interface IShowSource
{
    IEnumerable<ShowInfo> LoadAll();
}

/// <summary>
/// Lookup of the planetarium's show programme, used by the box office, the signage
/// renderer and the projection scheduler. One instance is shared by the whole app.
/// The programme is read from the content server the first time it is needed.
/// </summary>
public sealed class ShowProgramme
{
    private readonly IShowSource _source;
    private readonly object _initLock = new();
    private Dictionary<string, ShowInfo>? _byCode;

    public ShowProgramme(IShowSource source)
    {
        _source = source;
    }

    public ShowInfo? Find(string code) => Index.TryGetValue(code, out var show) ? show : null;

    public IReadOnlyList<ShowInfo> FullDomeShows() =>
        Index.Values.Where(s => s.FullDome).OrderBy(s => s.Title, StringComparer.CurrentCulture).ToList();

    public TimeSpan TotalRunningTime(IEnumerable<string> codes)
    {
        var total = TimeSpan.Zero;
        foreach (var code in codes)
        {
            if (Index.TryGetValue(code, out var show))
            {
                total += show.Duration;
            }
        }

        return total;
    }

    private Dictionary<string, ShowInfo> Index
    {
        get
        {
            var index = Volatile.Read(ref _byCode);
            if (index is not null)
            {
                return index;
            }

            lock (_initLock)
            {
                if (_byCode is null)
                {
                    _byCode = new Dictionary<string, ShowInfo>(StringComparer.OrdinalIgnoreCase);
                    foreach (var show in _source.LoadAll())
                    {
                        _byCode[show.Code] = show;
                    }
                }

                return _byCode;
            }
        }
    }
}

/// <summary>Renders the lobby signage every minute from a timer.</summary>
public sealed class LobbySignage : IDisposable
{
    private readonly ShowProgramme _programme;
    private readonly Func<IReadOnlyList<string>> _todaysCodes;
    private readonly Action<string> _render;
    private readonly Timer _timer;

    public LobbySignage(ShowProgramme programme, Func<IReadOnlyList<string>> todaysCodes, Action<string> render)
    {
        _programme = programme;
        _todaysCodes = todaysCodes;
        _render = render;
        _timer = new Timer(_ => Refresh(), null, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    private void Refresh()
    {
        var lines = _todaysCodes()
            .Select(_programme.Find)
            .Where(s => s is not null)
            .Select(s => $"{s!.Title} ({s.Duration.TotalMinutes:F0} min)");
        _render(string.Join(Environment.NewLine, lines));
    }

    public void Dispose() => _timer.Dispose();
}
