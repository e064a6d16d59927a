namespace Blind57.OrchidNursery.Stock;

public abstract record StockEvent(long Position, string Sku);
public sealed record PlantsPotted(long Position, string Sku, int Quantity) : StockEvent(Position, Sku);
public sealed record PlantsSold(long Position, string Sku, int Quantity) : StockEvent(Position, Sku);
public sealed record PlantsCulled(long Position, string Sku, int Quantity) : StockEvent(Position, Sku);

public interface IStockEventStore
{
    IAsyncEnumerable<StockEvent> ReadAllAsync(CancellationToken ct);
}

/// <summary>
/// Stock levels per orchid variety, built from the nursery's event stream. Live events are
/// applied by the subscription; a rebuild can be requested from the admin page at any time.
/// </summary>
public sealed class StockLevelProjection
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, int> _levels = new(StringComparer.OrdinalIgnoreCase);
    private long _position;

    public async Task ApplyAsync(StockEvent e, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (e.Position <= _position) return;
            ApplyTo(_levels, e);
            _position = e.Position;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RebuildAsync(IStockEventStore store, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var fresh = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            long position = 0;
            await foreach (var e in store.ReadAllAsync(ct))
            {
                ApplyTo(fresh, e);
                position = e.Position;
            }

            _levels = fresh;
            _position = position;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> GetLevelAsync(string sku, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return _levels.GetValueOrDefault(sku);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyDictionary<string, int>> SnapshotAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return new Dictionary<string, int>(_levels, StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static void ApplyTo(Dictionary<string, int> levels, StockEvent e)
    {
        int delta = e switch
        {
            PlantsPotted p => p.Quantity,
            PlantsSold s => -s.Quantity,
            PlantsCulled c => -c.Quantity,
            _ => 0,
        };
        levels[e.Sku] = levels.GetValueOrDefault(e.Sku) + delta;
    }
}
