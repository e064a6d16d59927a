namespace Blind45.Beekeeping.HoneyIntake;

public interface IBrokerChannel
{
    void Ack(ulong deliveryTag);
    void Nack(ulong deliveryTag, bool requeue);
}

public sealed record HoneyLotDelivery(ulong DeliveryTag, string HiveId, string Apiary, decimal Kilograms);

/// <summary>
/// Consumes honey intake deliveries from the cooperative's broker. The broker client
/// invokes <see cref="OnDeliveryAsync"/> from its own dispatch threads; up to
/// <c>maxConcurrency</c> lots are graded at the same time.
/// </summary>
public sealed class HoneyIntakeConsumer : IDisposable
{
    private readonly IBrokerChannel _channel;
    private readonly Func<HoneyLotDelivery, CancellationToken, Task> _grade;
    private readonly SemaphoreSlim _slots;
    private readonly object _gate = new();
    private readonly Dictionary<ulong, HoneyLotDelivery> _inFlight = new();
    private CancellationTokenRegistration _shutdown;
    private long _acked;
    private long _rejected;

    public HoneyIntakeConsumer(IBrokerChannel channel, Func<HoneyLotDelivery, CancellationToken, Task> grade, int maxConcurrency)
    {
        _channel = channel;
        _grade = grade;
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    public void Start(CancellationToken stopping)
    {
        _shutdown = stopping.Register(() =>
        {
            // Hand unfinished lots back to the broker so another grading station picks them up.
            foreach (var delivery in _inFlight.Values)
            {
                _channel.Nack(delivery.DeliveryTag, requeue: true);
            }

            _inFlight.Clear();
        });
    }

    public async Task OnDeliveryAsync(HoneyLotDelivery delivery, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        lock (_gate)
        {
            _inFlight[delivery.DeliveryTag] = delivery;
        }

        try
        {
            await _grade(delivery, ct).ConfigureAwait(false);
            if (TryComplete(delivery.DeliveryTag))
            {
                _channel.Ack(delivery.DeliveryTag);
                Interlocked.Increment(ref _acked);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The shutdown callback requeues whatever is still in flight.
        }
        catch (Exception)
        {
            if (TryComplete(delivery.DeliveryTag))
            {
                _channel.Nack(delivery.DeliveryTag, requeue: false);
                Interlocked.Increment(ref _rejected);
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public int InFlightCount
    {
        get
        {
            lock (_gate)
            {
                return _inFlight.Count;
            }
        }
    }

    public (long Acked, long Rejected) Totals => (Interlocked.Read(ref _acked), Interlocked.Read(ref _rejected));

    private bool TryComplete(ulong tag)
    {
        lock (_gate)
        {
            return _inFlight.Remove(tag);
        }
    }

    public void Dispose()
    {
        _shutdown.Dispose();
        _slots.Dispose();
    }
}
