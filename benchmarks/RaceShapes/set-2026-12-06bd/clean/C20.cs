namespace Blind56.BoardGameCafe.Scoring;

public interface IScoringPlugin : IDisposable
{
    string GameName { get; }
    int Score(IReadOnlyList<int> moves);
}

/// <summary>
/// Hosts the café's score-keeping plugins (one per house-rule variant). The table
/// tablets call Score concurrently; staff can hot-swap a plugin when a house rule
/// changes.
/// </summary>
public sealed class ScoringPluginHost : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, IScoringPlugin> _plugins = new(StringComparer.OrdinalIgnoreCase);

    public int Score(string gameName, IReadOnlyList<int> moves)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_plugins.TryGetValue(gameName, out var plugin))
            {
                throw new KeyNotFoundException($"No scoring plugin loaded for '{gameName}'.");
            }

            return plugin.Score(moves);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Load(IScoringPlugin plugin)
    {
        IScoringPlugin? replaced;
        _lock.EnterWriteLock();
        try
        {
            _plugins.TryGetValue(plugin.GameName, out replaced);
            _plugins[plugin.GameName] = plugin;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        if (!ReferenceEquals(replaced, plugin))
        {
            replaced?.Dispose();
        }
    }

    public bool Unload(string gameName)
    {
        IScoringPlugin? removed;
        _lock.EnterWriteLock();
        try
        {
            if (!_plugins.Remove(gameName, out removed))
            {
                return false;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        removed.Dispose();
        return true;
    }

    public IReadOnlyList<string> LoadedGames()
    {
        _lock.EnterReadLock();
        try
        {
            return _plugins.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        List<IScoringPlugin> all;
        _lock.EnterWriteLock();
        try
        {
            all = _plugins.Values.ToList();
            _plugins.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        foreach (var plugin in all)
        {
            plugin.Dispose();
        }

        _lock.Dispose();
    }
}
