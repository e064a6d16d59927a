namespace Blind48.BowlingAlley.Leagues;

public sealed record LeagueStanding(string Team, int Wins, int Losses, int Pins);

public interface ILeagueApi
{
    Task<IReadOnlyList<LeagueStanding>> GetStandingsAsync(string league, CancellationToken ct);
}

/// <summary>Posts work to the UI thread of the league standings kiosk.</summary>
public interface IUiDispatcher
{
    void Post(Action action);
}

/// <summary>
/// View-model for the league standings kiosk. The kiosk calls
/// <see cref="RenderRows"/> on the UI thread at every repaint and
/// <see cref="RefreshAsync"/> from the UI thread on a one-minute timer.
/// </summary>
public sealed class LeagueStandingsViewModel
{
    private readonly ILeagueApi _api;
    private readonly IUiDispatcher _dispatcher;
    private readonly List<LeagueStanding> _rows = new();
    private bool _isBusy;
    private string _status = "";

    public LeagueStandingsViewModel(ILeagueApi api, IUiDispatcher dispatcher)
    {
        _api = api;
        _dispatcher = dispatcher;
    }

    public event EventHandler? Changed;

    public bool IsBusy => _isBusy;

    public string Status => _status;

    public async Task RefreshAsync(string league, CancellationToken ct)
    {
        if (_isBusy)
        {
            return;
        }

        _isBusy = true;
        _status = "Loading standings…";
        Changed?.Invoke(this, EventArgs.Empty);

        try
        {
            var standings = await _api.GetStandingsAsync(league, ct).ConfigureAwait(false);
            var ordered = standings
                .OrderByDescending(s => s.Wins)
                .ThenByDescending(s => s.Pins)
                .ToList();

            _dispatcher.Post(() =>
            {
                _rows.Clear();
                _rows.AddRange(ordered);
                _isBusy = false;
                _status = $"{ordered.Count} teams";
                Changed?.Invoke(this, EventArgs.Empty);
            });
        }
        catch (HttpRequestException ex)
        {
            _dispatcher.Post(() =>
            {
                _isBusy = false;
                _status = "League server unreachable: " + ex.Message;
                Changed?.Invoke(this, EventArgs.Empty);
            });
        }
    }

    /// <summary>Builds the display lines for the standings grid.</summary>
    public IReadOnlyList<string> RenderRows()
    {
        var lines = new List<string>(_rows.Count);
        var place = 1;
        foreach (var row in _rows)
        {
            lines.Add($"{place++,2}. {row.Team,-20} {row.Wins,3}-{row.Losses,-3} {row.Pins,6}");
        }

        return lines;
    }
}
