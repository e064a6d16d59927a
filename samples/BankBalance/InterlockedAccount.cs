namespace BankBalance;

/// <summary>The second fix: each change is one atomic read-modify-write, so no update can be lost.</summary>
public static class InterlockedAccount
{
    private static long balance;

    public static long Run(int iterations)
    {
        balance = 0;
        var first = new Thread(() => ChangeMany(5, iterations));
        var second = new Thread(() => ChangeMany(8, iterations));
        first.Start();
        second.Start();
        first.Join();
        second.Join();
        return Interlocked.Read(ref balance);
    }

    private static void ChangeMany(int amount, int iterations)
    {
        for (int i = 0; i < iterations; i++)
        {
            Change(amount);
        }
    }

    private static void Change(int amount)
    {
        Interlocked.Add(ref balance, amount);
        Interlocked.Add(ref balance, -amount);
    }
}
