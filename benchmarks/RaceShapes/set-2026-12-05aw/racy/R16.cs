namespace PinballArcade.Scores;

public sealed record ScoreRow(string Machine, string Initials, long Score);

public interface IScoreStore
{
    IEnumerable<ScoreRow> LoadAll();
}

/// <summary>
/// Best score ever recorded on each machine in the arcade. One instance is shared by the
/// attract-mode kiosks and the leaderboard endpoint, which query it concurrently.
/// </summary>
public sealed class HighScoreCatalog
{
    private readonly object _loadLock = new();
    private readonly IScoreStore _store;
    private Dictionary<string, ScoreRow>? _bestByMachine;

    public HighScoreCatalog(IScoreStore store)
    {
        _store = store;
    }

    private Dictionary<string, ScoreRow> Table
    {
        get
        {
            var table = Volatile.Read(ref _bestByMachine);
            if (table != null)
            {
                return table;
            }

            lock (_loadLock)
            {
                if (_bestByMachine == null)
                {
                    _bestByMachine = new Dictionary<string, ScoreRow>(StringComparer.OrdinalIgnoreCase);
                    foreach (var row in _store.LoadAll())
                    {
                        if (!_bestByMachine.TryGetValue(row.Machine, out var best) || row.Score > best.Score)
                        {
                            _bestByMachine[row.Machine] = row;
                        }
                    }
                }
                return _bestByMachine;
            }
        }
    }

    public ScoreRow? BestFor(string machine) =>
        Table.TryGetValue(machine, out var row) ? row : null;

    public IReadOnlyList<ScoreRow> Leaderboard(int top) =>
        Table.Values.OrderByDescending(r => r.Score).Take(top).ToList();
}

/// <summary>Rotates the kiosk screen through each machine's best score.</summary>
public sealed class AttractModeKiosk
{
    private readonly HighScoreCatalog _catalog;
    private readonly IReadOnlyList<string> _machines;

    public AttractModeKiosk(HighScoreCatalog catalog, IReadOnlyList<string> machines)
    {
        _catalog = catalog;
        _machines = machines;
    }

    public IEnumerable<string> Frames()
    {
        foreach (var machine in _machines)
        {
            var best = _catalog.BestFor(machine);
            yield return best is null
                ? $"{machine}: be the first!"
                : $"{machine}: {best.Initials} {best.Score:N0}";
        }
    }
}
