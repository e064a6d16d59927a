namespace Blind45.Herbarium.Search;

public sealed record SpecimenHit(string Barcode, string Taxon, string Collector, int Year);

public interface ISpecimenIndex
{
    Task<IReadOnlyList<SpecimenHit>> SearchAsync(string text, CancellationToken ct);
}

/// <summary>Marshals work onto the UI thread of the desktop cataloguing app.</summary>
public interface IUiDispatcher
{
    void Post(Action action);
}

/// <summary>
/// Backs the search box of the specimen cataloguing window. Keystrokes arrive on the UI
/// thread; the query is only sent once the curator stops typing for a moment.
/// </summary>
public sealed class SpecimenSearchViewModel
{
    private const int MaxRecent = 20;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private readonly ISpecimenIndex _index;
    private readonly IUiDispatcher _dispatcher;
    private readonly List<string> _recentQueries = new();
    private CancellationTokenSource? _pending;
    private IReadOnlyList<SpecimenHit> _results = Array.Empty<SpecimenHit>();

    public SpecimenSearchViewModel(ISpecimenIndex index, IUiDispatcher dispatcher)
    {
        _index = index;
        _dispatcher = dispatcher;
    }

    public event EventHandler? ResultsChanged;

    public IReadOnlyList<SpecimenHit> Results => _results;

    /// <summary>Feeds the "recent searches" drop-down when it opens.</summary>
    public IReadOnlyList<string> RecentQueries => _recentQueries.ToArray();

    // Wired to the TextChanged event of the search box.
    public async void OnQueryTextChanged(string text)
    {
        _pending?.Cancel();
        _pending?.Dispose();
        var cts = new CancellationTokenSource();
        _pending = cts;
        var token = cts.Token;

        if (string.IsNullOrWhiteSpace(text) || text.Length < 3)
        {
            Publish(Array.Empty<SpecimenHit>());
            return;
        }

        try
        {
            await Task.Delay(Quiet, token).ConfigureAwait(false);
            var hits = await _index.SearchAsync(text.Trim(), token).ConfigureAwait(false);

            _recentQueries.Remove(text);
            _recentQueries.Insert(0, text);
            if (_recentQueries.Count > MaxRecent)
            {
                _recentQueries.RemoveAt(_recentQueries.Count - 1);
            }

            _dispatcher.Post(() =>
            {
                if (!token.IsCancellationRequested)
                {
                    Publish(hits);
                }
            });
        }
        catch (OperationCanceledException)
        {
            // Superseded by a newer keystroke.
        }
    }

    private void Publish(IReadOnlyList<SpecimenHit> hits)
    {
        _results = hits;
        ResultsChanged?.Invoke(this, EventArgs.Empty);
    }
}
