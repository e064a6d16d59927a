namespace Blind48.BowlingAlley.FrontDesk;

public sealed record LaneScore(int Lane, string Bowler, int Frame, int Score);

public interface IScoringApi
{
    Task<IReadOnlyList<LaneScore>> GetCurrentScoresAsync(CancellationToken ct);
}

/// <summary>Posts work to the UI thread of the front desk screen.</summary>
public interface IUiDispatcher
{
    void Post(Action action);
}

/// <summary>
/// View-model for the front desk lane overview. The screen calls
/// <see cref="RenderRows"/> on the UI thread at every repaint and
/// <see cref="RefreshAsync"/> from a refresh button and a 10-second UI timer.
/// </summary>
public sealed class LaneOverviewViewModel
{
    private readonly IScoringApi _api;
    private readonly IUiDispatcher _dispatcher;
    private readonly List<LaneScore> _rows = new();
    private bool _isBusy;
    private string _status = "";

    public LaneOverviewViewModel(IScoringApi api, IUiDispatcher dispatcher)
    {
        _api = api;
        _dispatcher = dispatcher;
    }

    public event EventHandler? Changed;

    public bool IsBusy => _isBusy;

    public string Status => _status;

    public async Task RefreshAsync(CancellationToken ct)
    {
        if (_isBusy)
        {
            return;
        }

        _isBusy = true;
        _status = "Refreshing…";
        Changed?.Invoke(this, EventArgs.Empty);

        IReadOnlyList<LaneScore> scores;
        try
        {
            scores = await _api.GetCurrentScoresAsync(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            _dispatcher.Post(() =>
            {
                _isBusy = false;
                _status = "Scoring server unreachable: " + ex.Message;
                Changed?.Invoke(this, EventArgs.Empty);
            });
            return;
        }

        _rows.Clear();
        _rows.AddRange(scores.OrderBy(s => s.Lane).ThenBy(s => s.Bowler, StringComparer.Ordinal));

        _dispatcher.Post(() =>
        {
            _isBusy = false;
            _status = $"{scores.Count} bowlers on {scores.Select(s => s.Lane).Distinct().Count()} lanes";
            Changed?.Invoke(this, EventArgs.Empty);
        });
    }

    /// <summary>Builds the display lines for the lane grid.</summary>
    public IReadOnlyList<string> RenderRows()
    {
        var lines = new List<string>(_rows.Count);
        foreach (var row in _rows)
        {
            lines.Add($"Lane {row.Lane,2}  {row.Bowler,-16} frame {row.Frame,2}  {row.Score,3}");
        }

        return lines;
    }
}
