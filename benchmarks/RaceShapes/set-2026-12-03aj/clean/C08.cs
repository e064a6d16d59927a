namespace Blind36.Taxidermy.Commissions;

public enum CommissionState { Received = 0, Fleshing = 1, Tanning = 2, Mounting = 3, Delivered = 4, Cancelled = 5 }

/// <summary>
/// Tracks a single mount through the studio. Bench staff, the client portal and the
/// invoicing job all move it along from different threads.
/// </summary>
public sealed class CommissionTracker
{
    private int _state = (int)CommissionState.Received;
    private long _lastChangeTicks = DateTime.UtcNow.Ticks;
    private static int s_active;

    public CommissionTracker(string client, string specimen)
    {
        Client = client;
        Specimen = specimen;
        Interlocked.Increment(ref s_active);
    }

    public string Client { get; }
    public string Specimen { get; }

    public static int ActiveCommissions => Volatile.Read(ref s_active);

    public CommissionState State => (CommissionState)Volatile.Read(ref _state);

    public DateTime LastChangeUtc => new(Interlocked.Read(ref _lastChangeTicks), DateTimeKind.Utc);

    /// <summary>Moves to the next bench stage if the mount is still in <paramref name="expected"/>.</summary>
    public bool TryAdvance(CommissionState expected)
    {
        if (expected is CommissionState.Delivered or CommissionState.Cancelled)
            return false;

        var next = expected + 1;
        if (Interlocked.CompareExchange(ref _state, (int)next, (int)expected) != (int)expected)
            return false;

        Interlocked.Exchange(ref _lastChangeTicks, DateTime.UtcNow.Ticks);
        if (next == CommissionState.Delivered)
            Interlocked.Decrement(ref s_active);
        return true;
    }

    /// <summary>Cancels unless the mount has already gone out of the door.</summary>
    public bool TryCancel()
    {
        int current = Volatile.Read(ref _state);
        while (current is not ((int)CommissionState.Delivered or (int)CommissionState.Cancelled))
        {
            int seen = Interlocked.CompareExchange(ref _state, (int)CommissionState.Cancelled, current);
            if (seen == current)
            {
                Interlocked.Exchange(ref _lastChangeTicks, DateTime.UtcNow.Ticks);
                Interlocked.Decrement(ref s_active);
                return true;
            }
            current = seen;
        }
        return false;
    }
}
