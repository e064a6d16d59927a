using System;
using System.Collections.Generic;
using System.Threading;

namespace Blind16.ModelRailway.Blocks;

/// <summary>
/// Block occupancy for a model railway layout. Each locomotive is driven by its own
/// controller thread, which must reserve the next block before entering it and wait
/// while another train holds it.
/// </summary>
public sealed class BlockSignalling
{
    private readonly object _sync = new();
    private readonly Dictionary<int, string> _occupiedBy = new();
    private readonly Dictionary<string, int> _waits = new(StringComparer.Ordinal);
    private readonly HashSet<int> _blocks = new();

    public BlockSignalling(IEnumerable<int> blockIds)
    {
        foreach (var id in blockIds)
        {
            _blocks.Add(id);
        }
    }

    public IReadOnlyCollection<int> Blocks => _blocks;

    /// <summary>
    /// Blocks the calling controller thread until the block is clear, then reserves it.
    /// Returns false if the timeout elapsed first.
    /// </summary>
    public bool Reserve(int blockId, string locoId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;

        lock (_sync)
        {
            while (_occupiedBy.TryGetValue(blockId, out var holder) && holder != locoId)
            {
                _waits[locoId] = _waits.TryGetValue(locoId, out var n) ? n + 1 : 1;

                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_sync, remaining))
                {
                    return false;
                }
            }

            _occupiedBy[blockId] = locoId;
            return true;
        }
    }

    public void Release(int blockId, string locoId)
    {
        lock (_sync)
        {
            if (_occupiedBy.TryGetValue(blockId, out var holder) && holder == locoId)
            {
                _occupiedBy.Remove(blockId);
                Monitor.PulseAll(_sync);
            }
        }
    }

    public string? Occupant(int blockId)
    {
        lock (_sync)
        {
            return _occupiedBy.TryGetValue(blockId, out var holder) ? holder : null;
        }
    }

    public IReadOnlyDictionary<string, int> WaitCounts()
    {
        lock (_sync)
        {
            return new Dictionary<string, int>(_waits);
        }
    }
}

/// <summary>
/// Drives one locomotive around a loop of blocks on a dedicated thread.
/// </summary>
public sealed class LocoController
{
    private readonly BlockSignalling _signalling;
    private readonly string _locoId;
    private readonly int[] _route;

    public LocoController(BlockSignalling signalling, string locoId, int[] route)
    {
        _signalling = signalling;
        _locoId = locoId;
        _route = route;
    }

    public Thread StartLaps(int laps, TimeSpan dwell)
    {
        var thread = new Thread(() =>
        {
            var current = -1;
            for (var lap = 0; lap < laps; lap++)
            {
                foreach (var next in _route)
                {
                    while (!_signalling.Reserve(next, _locoId, TimeSpan.FromSeconds(5)))
                    {
                        // Keep waiting at the signal.
                    }

                    if (current >= 0)
                    {
                        _signalling.Release(current, _locoId);
                    }

                    current = next;
                    Thread.Sleep(dwell);
                }
            }
        })
        { IsBackground = true, Name = $"loco-{_locoId}" };

        thread.Start();
        return thread;
    }
}
