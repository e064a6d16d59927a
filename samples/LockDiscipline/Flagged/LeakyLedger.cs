namespace LockDiscipline;

/// <summary>
/// Releases its locks only on the normal path. When the work between acquire and release throws, the lock stays
/// held forever and every later caller waits for it.
/// </summary>
public sealed class LeakyLedger
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly object sync = new();
    private int total;
    private int entries;

    public void Add(int amount)
    {
        gate.Wait(); // expect: FL2001
        Validate(amount);
        total += amount;
        gate.Release();
    }

    public void Count()
    {
        Monitor.Enter(sync); // expect: FL2001
        entries++;
        Monitor.Exit(sync);
    }

    public bool TryReadTotal(TimeSpan timeout, out int value)
    {
        if (!gate.Wait(timeout))
        {
            value = 0;
            return false;
        }

        try
        {
            value = total;
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    private static void Validate(int amount)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Amounts must not be negative.");
        }
    }
}
