namespace Blind60.CiderPress.Tanks;

public sealed record TankLevel(string TankId, double Litres, double SpecificGravity, DateTime ReadUtc);

public interface ITankLevelStore
{
    Task SaveManyAsync(IReadOnlyCollection<TankLevel> levels, CancellationToken ct);
}

/// <summary>
/// Write-behind buffer for fermentation tank readings. Sensors call <see cref="Update"/>
/// from their own threads; a timer hands the accumulated changes to the store.
/// </summary>
public sealed class TankLevelWriteBehind : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly ITankLevelStore _store;
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flushLoop;
    private Dictionary<string, TankLevel> _pending = new();
    private readonly Dictionary<string, TankLevel> _latest = new();

    public TankLevelWriteBehind(ITankLevelStore store, TimeSpan interval)
    {
        _store = store;
        _timer = new PeriodicTimer(interval);
        _flushLoop = FlushLoopAsync();
    }

    public void Update(TankLevel level)
    {
        lock (_gate)
        {
            _pending[level.TankId] = level;
            _latest[level.TankId] = level;
        }
    }

    public TankLevel? Latest(string tankId)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(tankId);
        }
    }

    private async Task FlushLoopAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await FlushAsync(_stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        Dictionary<string, TankLevel> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            batch = _pending;
            _pending = new Dictionary<string, TankLevel>();
        }

        await _store.SaveManyAsync(batch.Values, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _flushLoop.ConfigureAwait(false);
        _timer.Dispose();
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }
}
