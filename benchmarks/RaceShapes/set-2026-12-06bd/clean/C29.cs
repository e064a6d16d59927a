namespace Blind56.Bookshop.SearchBox;

public sealed record BookHit(string Title, string Author, int Year, decimal Price);

public interface IStockSearch
{
    Task<IReadOnlyList<BookHit>> SearchAsync(string text, CancellationToken cancellationToken);
}

/// <summary>
/// Debounced search-as-you-type for the bookshop's counter screen. Every keystroke
/// calls OnTextChanged; an earlier search still in flight is cancelled when a newer
/// one starts.
/// </summary>
public sealed class CounterSearchBox : IDisposable
{
    private readonly object _gate = new();
    private readonly IStockSearch _search;
    private readonly TimeSpan _debounce;
    private readonly Action<IReadOnlyList<BookHit>> _showResults;
    private CancellationTokenSource? _inFlight;
    private bool _disposed;

    public CounterSearchBox(IStockSearch search, TimeSpan debounce, Action<IReadOnlyList<BookHit>> showResults)
    {
        _search = search;
        _debounce = debounce;
        _showResults = showResults;
    }

    public Task OnTextChanged(string text)
    {
        CancellationTokenSource mine;
        lock (_gate)
        {
            if (_disposed)
            {
                return Task.CompletedTask;
            }

            _inFlight?.Cancel();
            mine = new CancellationTokenSource();
            _inFlight = mine;
        }

        return RunAsync(text, mine);
    }

    private async Task RunAsync(string text, CancellationTokenSource mine)
    {
        try
        {
            await Task.Delay(_debounce, mine.Token).ConfigureAwait(false);
            var hits = await _search.SearchAsync(text, mine.Token).ConfigureAwait(false);
            if (!mine.IsCancellationRequested)
            {
                _showResults(hits);
            }
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_inFlight, mine))
                {
                    _inFlight = null;
                }

                mine.Dispose();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _inFlight?.Cancel();
            _inFlight = null;
        }
    }
}
