using Microsoft.Extensions.Primitives;

namespace Blind57.PuppetTheatre.Config;

public sealed record CastList(string Production, IReadOnlyDictionary<string, string> PuppeteerByRole, DateTimeOffset LoadedAt);

/// <summary>
/// Supplies the current cast list for the puppet theatre's backstage screens and hands out
/// change tokens that fire whenever the list is reloaded (from the file watcher or the admin page).
/// </summary>
public sealed class CastListProvider
{
    private readonly object _reloadGate = new();
    private readonly Func<CastList> _load;
    private CancellationTokenSource _reloadSource = new();
    private CastList _current;

    public CastListProvider(Func<CastList> load)
    {
        _load = load;
        _current = load();
    }

    public CastList Current => Volatile.Read(ref _current);

    public IChangeToken GetReloadToken() => new CancellationChangeToken(Volatile.Read(ref _reloadSource).Token);

    public void Reload()
    {
        lock (_reloadGate)
        {
            Volatile.Write(ref _current, _load());
            var previous = Interlocked.Exchange(ref _reloadSource, new CancellationTokenSource());
            previous.Cancel();
        }
    }
}

/// <summary>Keeps the rendered call sheet up to date for the stage manager's monitor.</summary>
public sealed class CallSheetBoard : IDisposable
{
    private readonly CastListProvider _provider;
    private readonly IDisposable _subscription;
    private string _rendered;
    private int _reloads;

    public CallSheetBoard(CastListProvider provider)
    {
        _provider = provider;
        _rendered = Render(provider.Current);
        _subscription = ChangeToken.OnChange(provider.GetReloadToken, OnReload);
    }

    public string Rendered => Volatile.Read(ref _rendered);

    public int Reloads => Volatile.Read(ref _reloads);

    private void OnReload()
    {
        Volatile.Write(ref _rendered, Render(_provider.Current));
        Interlocked.Increment(ref _reloads);
    }

    private static string Render(CastList cast) =>
        cast.Production + Environment.NewLine +
        string.Join(Environment.NewLine, cast.PuppeteerByRole.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"));

    public void Dispose() => _subscription.Dispose();
}
