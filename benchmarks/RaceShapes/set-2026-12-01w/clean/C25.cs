using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace CountyLibrary.Returns.Sorting;

public sealed record ReturnedItem(string Barcode, string Branch, DateTimeOffset ScannedAt, bool Damaged);

/// <summary>
/// Buffers items scanned at the self-service return slots of all branches and sorts
/// them into reshelving batches every few seconds. Return slot handlers call
/// <see cref="Scan"/> concurrently; the circulation dashboard reads <see cref="LatestBatches"/>.
/// </summary>
public sealed class ReturnSorter : IDisposable
{
    private readonly ConcurrentQueue<ReturnedItem> _incoming = new();
    private readonly Dictionary<string, List<ReturnedItem>> _openBatches = new();
    private readonly Timer _timer;
    private ImmutableDictionary<string, int> _latestBatches = ImmutableDictionary<string, int>.Empty;
    private int _draining;
    private long _damaged;

    public ReturnSorter()
    {
        _timer = new Timer(_ => Drain(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public void Scan(ReturnedItem item)
    {
        _incoming.Enqueue(item);
        if (item.Damaged)
        {
            Interlocked.Increment(ref _damaged);
        }
    }

    public long DamagedCount => Interlocked.Read(ref _damaged);

    public IReadOnlyDictionary<string, int> LatestBatches => Volatile.Read(ref _latestBatches);

    private void Drain()
    {
        // A slow drain must not overlap with the next tick.
        if (Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
        {
            return;
        }

        try
        {
            while (_incoming.TryDequeue(out var item))
            {
                if (!_openBatches.TryGetValue(item.Branch, out var batch))
                {
                    batch = new List<ReturnedItem>();
                    _openBatches[item.Branch] = batch;
                }
                batch.Add(item);
            }

            var summary = _openBatches.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Count);
            Volatile.Write(ref _latestBatches, summary);

            foreach (var key in _openBatches.Where(kv => kv.Value.Count >= 40).Select(kv => kv.Key).ToList())
            {
                _openBatches.Remove(key); // full trolley sent to reshelving
            }
        }
        finally
        {
            Volatile.Write(ref _draining, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
