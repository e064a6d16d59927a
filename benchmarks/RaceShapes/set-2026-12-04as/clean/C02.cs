using System.Collections.Concurrent;

namespace Blind45.ReindeerHerding.CollarFeed;

public interface ICollarBroker
{
    void Ack(ulong tag);
    void Reject(ulong tag, bool requeue);
}

public sealed record CollarFix(ulong Tag, string CollarId, double Lat, double Lon, DateTimeOffset Taken);

/// <summary>
/// Consumes GPS fixes from the herd's collars. The broker library calls
/// <see cref="HandleAsync"/> from several dispatch threads at once. Every delivery is
/// settled exactly once: acknowledged after storing, rejected on failure, or requeued
/// when the consumer shuts down.
/// </summary>
public sealed class CollarFixConsumer : IDisposable
{
    private readonly ICollarBroker _broker;
    private readonly Func<CollarFix, CancellationToken, Task> _store;
    private readonly ConcurrentDictionary<ulong, CollarFix> _unsettled = new();
    private CancellationTokenRegistration _stopRegistration;
    private long _stored;
    private long _failed;

    public CollarFixConsumer(ICollarBroker broker, Func<CollarFix, CancellationToken, Task> store)
    {
        _broker = broker;
        _store = store;
    }

    public void Start(CancellationToken stopping)
    {
        _stopRegistration = stopping.Register(() =>
        {
            foreach (var tag in _unsettled.Keys)
            {
                if (_unsettled.TryRemove(tag, out _))
                {
                    _broker.Reject(tag, requeue: true);
                }
            }
        });
    }

    public async Task HandleAsync(CollarFix fix, CancellationToken ct)
    {
        _unsettled[fix.Tag] = fix;
        try
        {
            await _store(fix, ct).ConfigureAwait(false);
            if (_unsettled.TryRemove(fix.Tag, out _))
            {
                _broker.Ack(fix.Tag);
                Interlocked.Increment(ref _stored);
            }
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            if (_unsettled.TryRemove(fix.Tag, out _))
            {
                _broker.Reject(fix.Tag, requeue: false);
                Interlocked.Increment(ref _failed);
            }
        }
    }

    public int Unsettled => _unsettled.Count;

    public long Stored => Interlocked.Read(ref _stored);

    public long Failed => Interlocked.Read(ref _failed);

    public void Dispose() => _stopRegistration.Dispose();
}
