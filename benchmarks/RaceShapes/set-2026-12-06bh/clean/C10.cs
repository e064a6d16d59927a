using System.Collections.Immutable;

namespace Blind60.PuppetTheatre.Props;

public interface IPropEvent
{
    string Prop { get; }
}

public sealed record PropBroken(string Prop, string Detail) : IPropEvent;
public sealed record PropRepaired(string Prop, string Maker) : IPropEvent;

/// <summary>
/// Per-event-type subscriber list for the workshop's prop-tracking system. Workshop
/// plugins subscribe while they start up in parallel; events are published from the
/// stage-door scanner thread.
/// </summary>
public static class PropEventHub<TEvent> where TEvent : IPropEvent
{
    private static ImmutableList<Action<TEvent>> s_subscribers = ImmutableList<Action<TEvent>>.Empty;

    public static void Subscribe(Action<TEvent> subscriber)
    {
        ImmutableInterlocked.Update(ref s_subscribers, list => list.Add(subscriber));
    }

    public static void Unsubscribe(Action<TEvent> subscriber)
    {
        ImmutableInterlocked.Update(ref s_subscribers, list => list.Remove(subscriber));
    }

    public static int Publish(TEvent evt)
    {
        var subscribers = Volatile.Read(ref s_subscribers);

        foreach (var subscriber in subscribers)
        {
            subscriber(evt);
        }
        return subscribers.Count;
    }
}

public sealed class RepairBenchPlugin
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _workList = new();

    public Task StartAsync(CancellationToken ct) => Task.Run(() =>
    {
        PropEventHub<PropBroken>.Subscribe(e => _workList.Enqueue($"{e.Prop}: {e.Detail}"));
    }, ct);

    public IReadOnlyCollection<string> WorkList => _workList.ToArray();
}

public sealed class InventoryPlugin
{
    private int _repairs;

    public Task StartAsync(CancellationToken ct) => Task.Run(() =>
    {
        PropEventHub<PropRepaired>.Subscribe(_ => Interlocked.Increment(ref _repairs));
        PropEventHub<PropBroken>.Subscribe(_ => Interlocked.Decrement(ref _repairs));
    }, ct);

    public int NetRepairs => Volatile.Read(ref _repairs);
}

public static class WorkshopStartup
{
    public static Task StartAllAsync(RepairBenchPlugin bench, InventoryPlugin inventory, CancellationToken ct)
        => Task.WhenAll(bench.StartAsync(ct), inventory.StartAsync(ct));
}
