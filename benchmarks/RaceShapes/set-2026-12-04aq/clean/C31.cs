using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Blind43.PlantNursery.Stock;

public sealed record StockMovement(string Variety, int Trays, string Reason);

/// <summary>
/// Applies tray stock movements for the nursery's propagation houses. Movements are posted by
/// potting benches, dispatch scanners and the web shop; whichever caller finds nobody applying
/// them takes over the applying until the queue is empty. Readers see a snapshot.
/// </summary>
public sealed class TrayStockLedger
{
    private readonly ConcurrentQueue<StockMovement> _pending = new();
    private readonly Dictionary<string, int> _working = new(StringComparer.OrdinalIgnoreCase);
    private ImmutableDictionary<string, int> _published = ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);
    private int _applying;
    private long _applied;

    public void Post(StockMovement movement)
    {
        _pending.Enqueue(movement);
        TryApply();
    }

    private void TryApply()
    {
        while (Interlocked.CompareExchange(ref _applying, 1, 0) == 0)
        {
            try
            {
                var changed = false;
                while (_pending.TryDequeue(out var movement))
                {
                    _working[movement.Variety] = _working.GetValueOrDefault(movement.Variety) + movement.Trays;
                    Interlocked.Increment(ref _applied);
                    changed = true;
                }

                if (changed)
                {
                    Volatile.Write(ref _published, _working.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
                }
            }
            finally
            {
                Interlocked.Exchange(ref _applying, 0);
            }

            // Something may have been queued after our last dequeue but before we let go.
            if (_pending.IsEmpty)
            {
                return;
            }
        }
    }

    public IReadOnlyDictionary<string, int> Snapshot() => Volatile.Read(ref _published);

    public int TraysOf(string variety) => Volatile.Read(ref _published).GetValueOrDefault(variety);

    public long Applied => Interlocked.Read(ref _applied);
}

/// <summary>Dispatch scanner feed: each scanned trolley is posted from the scanner's own thread.</summary>
public sealed class DispatchScannerFeed
{
    private readonly TrayStockLedger _ledger;

    public DispatchScannerFeed(TrayStockLedger ledger) => _ledger = ledger;

    public Task ReplayAsync(IEnumerable<(string Variety, int Trays)> trolleys) =>
        Task.WhenAll(trolleys.Select(t => Task.Run(() =>
            _ledger.Post(new StockMovement(t.Variety, -t.Trays, "dispatch")))));
}
