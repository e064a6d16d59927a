namespace Blind54.StreetFood.Allergens;

/// <summary>
/// Republishes the market-wide allergen board a few seconds after the last vendor edit.
/// <see cref="Touch"/> is called from concurrent portal requests; the timer callback runs on
/// the thread pool and may fire while another edit resets the delay.
/// </summary>
public sealed class AllergenBoardDebouncer : IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private readonly TimeSpan _delay;
    private readonly Action<IReadOnlyCollection<string>> _publish;
    private HashSet<string> _changedStalls = new(StringComparer.Ordinal);
    private long _generation;
    private bool _disposed;

    public AllergenBoardDebouncer(TimeSpan delay, Action<IReadOnlyCollection<string>> publish)
    {
        _delay = delay;
        _publish = publish;
        _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
    }

    public void Touch(string stallId)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _changedStalls.Add(stallId);
            _generation++;
            _timer.Change(_delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer(object? state)
    {
        HashSet<string> batch;
        lock (_gate)
        {
            if (_disposed || _changedStalls.Count == 0)
            {
                return;
            }

            batch = _changedStalls;
            _changedStalls = new HashSet<string>(StringComparer.Ordinal);
        }

        _publish(batch);
    }

    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }
}
