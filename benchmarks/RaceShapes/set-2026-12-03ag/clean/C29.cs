namespace Chocolate.Moulds;

public interface IMouldHeater
{
    void SetTemperature(double celsius);
    void PowerOff();
}

/// <summary>
/// Shared handle to a heated mould rack. Several enrobing lines may use the
/// rack at once; each takes a lease. The rack is powered off when the owner has
/// released it and the last lease has been returned, whichever comes last.
/// </summary>
public sealed class MouldRack : IDisposable
{
    // Bit 0 set once the owner has disposed; the rest counts outstanding leases (in units of 2).
    private int _state;
    private readonly IMouldHeater _heater;

    public MouldRack(IMouldHeater heater) => _heater = heater;

    public Lease? TryAcquire()
    {
        int current = Volatile.Read(ref _state);
        while (true)
        {
            if ((current & 1) != 0)
            {
                return null;
            }

            int seen = Interlocked.CompareExchange(ref _state, current + 2, current);
            if (seen == current)
            {
                return new Lease(this);
            }
            current = seen;
        }
    }

    private void ReleaseLease()
    {
        int after = Interlocked.Add(ref _state, -2);
        if (after == 1)
        {
            _heater.PowerOff();
        }
    }

    public void Dispose()
    {
        int current = Volatile.Read(ref _state);
        while (true)
        {
            if ((current & 1) != 0)
            {
                return;
            }

            int seen = Interlocked.CompareExchange(ref _state, current | 1, current);
            if (seen == current)
            {
                if (current == 0)
                {
                    _heater.PowerOff();
                }
                return;
            }
            current = seen;
        }
    }

    public sealed class Lease : IDisposable
    {
        private MouldRack? _rack;

        internal Lease(MouldRack rack) => _rack = rack;

        public void Warm(double celsius)
        {
            var rack = Volatile.Read(ref _rack) ?? throw new ObjectDisposedException(nameof(Lease));
            rack._heater.SetTemperature(celsius);
        }

        public void Dispose() => Interlocked.Exchange(ref _rack, null)?.ReleaseLease();
    }
}

public static class EnrobingLines
{
    public static Task RunAsync(MouldRack rack, int lines, double celsius) =>
        Task.WhenAll(Enumerable.Range(0, lines).Select(_ => Task.Run(() =>
        {
            using var lease = rack.TryAcquire();
            lease?.Warm(celsius);
        })));
}
