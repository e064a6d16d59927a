using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Blind52.SkiLift.Controllers;

/// <summary>
/// Static description of the resort's lifts, loaded once from the lift database.
/// </summary>
public sealed class LiftTopology
{
    public LiftTopology(IReadOnlyDictionary<string, int> chairCounts) => ChairCounts = chairCounts;

    public IReadOnlyDictionary<string, int> ChairCounts { get; }
}

/// <summary>
/// Tracks chairs dispatched by one lift's bull wheel.
/// </summary>
public sealed class LiftController
{
    private int _chairsDispatched;

    public LiftController(string liftId, int chairCount)
    {
        LiftId = liftId;
        ChairCount = chairCount;
    }

    public string LiftId { get; }

    public int ChairCount { get; }

    public int Dispatch() => Interlocked.Increment(ref _chairsDispatched);

    public int ChairsDispatched => Volatile.Read(ref _chairsDispatched);
}

/// <summary>
/// Hands out the controller for each lift, creating it the first time a lift
/// is asked for. Registered as a singleton; used by the gate handlers, the
/// ops dashboard and the lift-status API.
/// </summary>
public sealed class LiftControllerRegistry
{
    private readonly ConcurrentDictionary<string, Lazy<LiftController>> _controllers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<IReadOnlyDictionary<string, int>> _loadChairCounts;
    private LiftTopology? _topology;
    private bool _topologyLoaded;
    private object? _topologyLock;

    public LiftControllerRegistry(Func<IReadOnlyDictionary<string, int>> loadChairCounts) => _loadChairCounts = loadChairCounts;

    public LiftController Get(string liftId)
    {
        var lazy = _controllers.GetOrAdd(
            liftId,
            id => new Lazy<LiftController>(() => Create(id), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    public IEnumerable<(string LiftId, int Dispatched)> DispatchTotals()
    {
        foreach (var pair in _controllers)
        {
            if (pair.Value.IsValueCreated)
            {
                yield return (pair.Key, pair.Value.Value.ChairsDispatched);
            }
        }
    }

    private LiftTopology Topology =>
        LazyInitializer.EnsureInitialized(ref _topology, ref _topologyLoaded, ref _topologyLock, () => new LiftTopology(_loadChairCounts()))!;

    private LiftController Create(string liftId)
    {
        if (!Topology.ChairCounts.TryGetValue(liftId, out int chairs))
        {
            throw new KeyNotFoundException($"Unknown lift '{liftId}'.");
        }

        return new LiftController(liftId, chairs);
    }
}
