namespace LockDiscipline;

/// <summary>
/// The fix: the release sits in a <c>finally</c> right after the acquire, so it runs on every path, including an
/// exception. For a <see cref="Monitor"/>, the <c>lock</c> statement does exactly that.
/// </summary>
public sealed class SafeLedger
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly object sync = new();
    private int total;
    private int entries;

    public void Add(int amount)
    {
        gate.Wait();
        try
        {
            Validate(amount);
            total += amount;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task AddAsync(int amount, CancellationToken cancellationToken)
    {
        // Acquire before the try: if the wait is cancelled, nothing was taken and nothing must be released (FL2003).
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Validate(amount);
            total += amount;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Count()
    {
        lock (sync)
        {
            entries++;
        }
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
