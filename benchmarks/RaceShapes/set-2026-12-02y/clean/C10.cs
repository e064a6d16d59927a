namespace TidalMill.Sluices;

/// <summary>
/// Limits how many sluice gates may be opening at once so the mill pond does not
/// drain too quickly. Gate controllers on separate threads call
/// <see cref="TryBeginOpening"/> and <see cref="EndOpening"/>.
/// </summary>
public sealed class SluiceThrottle
{
    private readonly int _limit;
    private int _opening;
    private int _peak;
    private long _refused;

    public SluiceThrottle(int limit) => _limit = limit;

    public int Opening => Volatile.Read(ref _opening);
    public int Peak => Volatile.Read(ref _peak);
    public long Refused => Interlocked.Read(ref _refused);

    public bool TryBeginOpening()
    {
        while (true)
        {
            int current = Volatile.Read(ref _opening);
            if (current >= _limit)
            {
                Interlocked.Increment(ref _refused);
                return false;
            }

            if (Interlocked.CompareExchange(ref _opening, current + 1, current) == current)
            {
                RaisePeak(current + 1);
                return true;
            }
        }
    }

    public void EndOpening()
    {
        int after = Interlocked.Decrement(ref _opening);
        if (after < 0)
        {
            Interlocked.Increment(ref _opening);
            throw new InvalidOperationException("EndOpening called without a matching TryBeginOpening.");
        }
    }

    private void RaisePeak(int candidate)
    {
        int seen = Volatile.Read(ref _peak);
        while (candidate > seen)
        {
            int prior = Interlocked.CompareExchange(ref _peak, candidate, seen);
            if (prior == seen) return;
            seen = prior;
        }
    }
}

public sealed class SluiceGateController
{
    private readonly SluiceThrottle _throttle;
    private readonly Func<int, CancellationToken, Task> _driveGate;

    public SluiceGateController(SluiceThrottle throttle, Func<int, CancellationToken, Task> driveGate)
    {
        _throttle = throttle;
        _driveGate = driveGate;
    }

    public async Task<bool> OpenAsync(int gate, CancellationToken ct)
    {
        if (!_throttle.TryBeginOpening())
        {
            return false;
        }

        try
        {
            await _driveGate(gate, ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _throttle.EndOpening();
        }
    }

    public static Task<bool[]> OpenAllAsync(SluiceGateController controller, IEnumerable<int> gates, CancellationToken ct) =>
        Task.WhenAll(gates.Select(g => controller.OpenAsync(g, ct)));
}
