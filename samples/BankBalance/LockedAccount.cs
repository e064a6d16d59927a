namespace BankBalance;

/// <summary>The first fix: every change of the balance happens while holding one lock.</summary>
public static class LockedAccount
{
    private static readonly object BalanceLock = new();
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
        return balance;
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
        lock (BalanceLock)
        {
            balance = balance + amount;
            balance = balance - amount;
        }
    }
}
