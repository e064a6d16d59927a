using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Blind52.MushroomFarm.Outbox;

public sealed record OutboxMessage(Guid Id, string Topic, string Payload, DateTimeOffset CreatedAt);

public interface IOutboxTransport
{
    void Send(OutboxMessage message);
}

/// <summary>
/// Dispatches harvest and packing notifications (restaurant orders, market
/// stall counts) to the message broker from a dedicated thread. Producers in
/// the harvest and packing services call <see cref="TryEnqueue"/> concurrently.
/// </summary>
public sealed class HarvestOutboxDispatcher : IDisposable
{
    private readonly BlockingCollection<OutboxMessage> _queue = new(boundedCapacity: 1000);
    private readonly IOutboxTransport _transport;
    private readonly Thread _worker;
    private long _dispatched;
    private long _failed;
    private int _disposed;

    public HarvestOutboxDispatcher(IOutboxTransport transport)
    {
        _transport = transport;
        _worker = new Thread(Run) { IsBackground = true, Name = "Harvest outbox" };
        _worker.Start();
    }

    public bool TryEnqueue(OutboxMessage message)
    {
        try
        {
            return _queue.TryAdd(message, TimeSpan.FromMilliseconds(250));
        }
        catch (InvalidOperationException)
        {
            // Adding has been completed; the dispatcher is shutting down.
            return false;
        }
    }

    public (long Dispatched, long Failed, int Queued) Counts =>
        (Interlocked.Read(ref _dispatched), Interlocked.Read(ref _failed), _queue.Count);

    private void Run()
    {
        foreach (var message in _queue.GetConsumingEnumerable())
        {
            try
            {
                _transport.Send(message);
                Interlocked.Increment(ref _dispatched);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _failed);
                Console.Error.WriteLine($"Outbox message {message.Id} on {message.Topic} failed: {ex.Message}");
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.CompleteAdding();
        _worker.Join();
    }
}

/// <summary>
/// Records a harvested flush of oyster mushrooms and notifies subscribers.
/// </summary>
public sealed class HarvestRecorder
{
    private readonly HarvestOutboxDispatcher _outbox;

    public HarvestRecorder(HarvestOutboxDispatcher outbox) => _outbox = outbox;

    public bool RecordFlush(string room, string strain, double kilograms)
    {
        var payload = $"{{\"room\":\"{room}\",\"strain\":\"{strain}\",\"kg\":{kilograms:F2}}}";
        return _outbox.TryEnqueue(new OutboxMessage(Guid.NewGuid(), "harvest.flush", payload, DateTimeOffset.UtcNow));
    }
}
