namespace Blind57.CiderPress.Weighbridge;

public sealed class WeighbridgeUnavailableException : Exception
{
    public WeighbridgeUnavailableException() : base("Weighbridge service is resting after repeated failures.") { }
}

/// <summary>
/// Circuit breaker around the orchard weighbridge service that records each delivery of apples
/// before it goes into the press. One instance is shared by all press-line workers.
/// </summary>
public sealed class WeighbridgeBreaker
{
    private const int Closed = 0;
    private const int Open = 1;
    private const int HalfOpen = 2;

    private readonly int _threshold;
    private readonly long _coolDownMs;
    private int _state = Closed;
    private int _consecutiveFailures;
    private long _openedAt;

    public WeighbridgeBreaker(int threshold, TimeSpan coolDown)
    {
        _threshold = threshold;
        _coolDownMs = (long)coolDown.TotalMilliseconds;
    }

    public bool IsClosed => Volatile.Read(ref _state) == Closed;

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        bool probe = false;
        int state = Volatile.Read(ref _state);
        if (state == Open)
        {
            long openedAt = Interlocked.Read(ref _openedAt);
            if (Environment.TickCount64 - openedAt < _coolDownMs)
            {
                throw new WeighbridgeUnavailableException();
            }

            // Only the caller that moves the breaker out of Open gets to try the service.
            if (Interlocked.CompareExchange(ref _state, HalfOpen, Open) != Open)
            {
                throw new WeighbridgeUnavailableException();
            }
            probe = true;
        }
        else if (state == HalfOpen)
        {
            throw new WeighbridgeUnavailableException();
        }

        try
        {
            var result = await action(ct);
            Interlocked.Exchange(ref _consecutiveFailures, 0);
            if (probe)
            {
                Interlocked.CompareExchange(ref _state, Closed, HalfOpen);
            }
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RecordFailure(probe);
            throw;
        }
    }

    private void RecordFailure(bool probe)
    {
        int failures = Interlocked.Increment(ref _consecutiveFailures);
        if (probe)
        {
            Interlocked.Exchange(ref _openedAt, Environment.TickCount64);
            Interlocked.CompareExchange(ref _state, Open, HalfOpen);
        }
        else if (failures >= _threshold)
        {
            Interlocked.Exchange(ref _openedAt, Environment.TickCount64);
            Interlocked.CompareExchange(ref _state, Open, Closed);
        }
    }
}

public sealed record Delivery(string Grower, string Variety, double Kilograms);

/// <summary>Records deliveries from growers at the press yard gate.</summary>
public sealed class DeliveryDesk
{
    private readonly WeighbridgeBreaker _breaker;
    private readonly Func<Delivery, CancellationToken, Task<string>> _record;

    public DeliveryDesk(WeighbridgeBreaker breaker, Func<Delivery, CancellationToken, Task<string>> record)
    {
        _breaker = breaker;
        _record = record;
    }

    public async Task<string?> TryRecordAsync(Delivery delivery, CancellationToken ct)
    {
        try
        {
            return await _breaker.ExecuteAsync(token => _record(delivery, token), ct);
        }
        catch (WeighbridgeUnavailableException)
        {
            return null;
        }
    }
}
