namespace Blind45.Foraging.SightingSearch;

public sealed record Sighting(string Species, string Grid, DateOnly Date, string ReportedBy);

public interface ISightingStore
{
    Task<IReadOnlyList<Sighting>> QueryAsync(string text, CancellationToken ct);
}

/// <summary>
/// Search-as-you-type for the foraging society's sightings map. Typing arrives from the
/// map widget; only the last query in a burst is sent, and only the newest answer is
/// shown.
/// </summary>
public sealed class SightingSearchBox : IDisposable
{
    private readonly ISightingStore _store;
    private readonly TimeSpan _quietPeriod;
    private readonly Action<IReadOnlyList<Sighting>> _show;
    private readonly object _gate = new();
    private CancellationTokenSource? _current;
    private long _generation;
    private int _queriesSent;

    public SightingSearchBox(ISightingStore store, TimeSpan quietPeriod, Action<IReadOnlyList<Sighting>> show)
    {
        _store = store;
        _quietPeriod = quietPeriod;
        _show = show;
    }

    public int QueriesSent
    {
        get
        {
            lock (_gate)
            {
                return _queriesSent;
            }
        }
    }

    public async Task OnTextChangedAsync(string text)
    {
        CancellationTokenSource cts;
        long generation;
        lock (_gate)
        {
            _current?.Cancel();
            _current?.Dispose();
            cts = _current = new CancellationTokenSource();
            generation = ++_generation;
        }

        var token = cts.Token;
        try
        {
            await Task.Delay(_quietPeriod, token).ConfigureAwait(false);
            lock (_gate)
            {
                _queriesSent++;
            }

            var results = await _store.QueryAsync(text, token).ConfigureAwait(false);

            lock (_gate)
            {
                if (generation != _generation)
                {
                    return;
                }
            }

            _show(results);
        }
        catch (OperationCanceledException)
        {
            // A newer keystroke replaced this query.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Cancel();
            _current?.Dispose();
            _current = null;
            _generation++;
        }
    }
}
