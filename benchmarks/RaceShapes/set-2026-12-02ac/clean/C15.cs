namespace Blind29.FilmArchive.Rights;

public sealed record RightsHolder(string FilmCode, string Holder, DateOnly ExpiresOn, bool ScreeningAllowed);

public interface IRightsDatabase
{
    IEnumerable<RightsHolder> ReadAll();
}

/// <summary>
/// Screening rights lookup used by the archive's cinema programming tool and its
/// public loan request form. The table is loaded on first use and can be reloaded
/// when the rights office publishes a new export.
/// </summary>
public sealed class RightsTable
{
    private readonly IRightsDatabase _database;
    private readonly object _loadLock = new();
    private volatile IReadOnlyDictionary<string, RightsHolder>? _table;

    public RightsTable(IRightsDatabase database) => _database = database;

    public bool MayScreen(string filmCode, DateOnly on)
    {
        var table = GetTable();
        return table.TryGetValue(filmCode, out var rights) && rights.ScreeningAllowed && rights.ExpiresOn >= on;
    }

    public void Reload()
    {
        var fresh = Build();
        lock (_loadLock)
        {
            _table = fresh;
        }
    }

    private IReadOnlyDictionary<string, RightsHolder> GetTable()
    {
        var table = _table;
        if (table is not null)
        {
            return table;
        }

        lock (_loadLock)
        {
            table = _table;
            if (table is null)
            {
                table = Build();
                _table = table;
            }

            return table;
        }
    }

    private IReadOnlyDictionary<string, RightsHolder> Build()
    {
        var built = new Dictionary<string, RightsHolder>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in _database.ReadAll())
        {
            if (!built.TryGetValue(row.FilmCode, out var existing) || existing.ExpiresOn < row.ExpiresOn)
            {
                built[row.FilmCode] = row;
            }
        }

        return built;
    }
}

public sealed class ProgrammingTool
{
    private readonly RightsTable _rights;

    public ProgrammingTool(RightsTable rights) => _rights = rights;

    public async Task<IReadOnlyList<string>> ScreenableAsync(IEnumerable<string> films, DateOnly night)
    {
        var checks = films.Select(f => Task.Run(() => (Film: f, Ok: _rights.MayScreen(f, night))));
        var results = await Task.WhenAll(checks);
        return results.Where(r => r.Ok).Select(r => r.Film).ToList();
    }
}
