namespace Blind44.SnowGroomers.Fleet;

public sealed record GroomingOrder(string Piste, int Passes, bool Winch);

public interface IGroomerLink
{
    Task DriveAsync(string machineId, GroomingOrder order, CancellationToken ct);
}

/// <summary>
/// Dispatches night grooming orders to the resort's snowcats. A new order for a machine replaces
/// the one it is working on. The dispatch console and the avalanche-control system both call it.
/// </summary>
public sealed class GroomerDispatch
{
    private sealed class Assignment
    {
        public Assignment(GroomingOrder order, CancellationTokenSource cts)
        {
            Order = order;
            Cts = cts;
        }

        public GroomingOrder Order { get; }
        public CancellationTokenSource Cts { get; }
        public Task Run { get; set; } = Task.CompletedTask;
    }

    private readonly IGroomerLink _link;
    private readonly object _gate = new();
    private readonly Dictionary<string, Assignment> _active = new();

    public GroomerDispatch(IGroomerLink link) => _link = link;

    public Task AssignAsync(string machineId, GroomingOrder order)
    {
        Assignment? previous;
        var next = new Assignment(order, new CancellationTokenSource());
        lock (_gate)
        {
            _active.TryGetValue(machineId, out previous);
            _active[machineId] = next;
            next.Run = RunAsync(machineId, next, previous);
        }
        return next.Run;
    }

    private async Task RunAsync(string machineId, Assignment mine, Assignment? previous)
    {
        if (previous is not null)
        {
            previous.Cts.Cancel();
            try { await previous.Run; } catch (OperationCanceledException) { }
        }

        try
        {
            await _link.DriveAsync(machineId, mine.Order, mine.Cts.Token);
        }
        catch (OperationCanceledException) when (mine.Cts.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                if (_active.TryGetValue(machineId, out var current) && ReferenceEquals(current, mine))
                    _active.Remove(machineId);
            }
        }
    }

    /// <summary>Avalanche control closes a piste: stop every machine working on it.</summary>
    public int StopPiste(string piste)
    {
        List<Assignment> affected;
        lock (_gate)
            affected = _active.Values.Where(a => a.Order.Piste == piste).ToList();

        foreach (var assignment in affected)
            assignment.Cts.Cancel();
        return affected.Count;
    }

    public IReadOnlyDictionary<string, GroomingOrder> Snapshot()
    {
        lock (_gate)
            return _active.ToDictionary(kv => kv.Key, kv => kv.Value.Order);
    }
}
