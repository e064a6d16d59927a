namespace BankBalance;

/// <summary>
/// The classic lost update: two threads change a shared balance without synchronization. Every call adds and then
/// subtracts the same amount, so the balance "should" stay 0, but the read-modify-write steps of the two threads
/// interleave and updates are lost.
/// </summary>
public static class UnsynchronizedAccount
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
        balance = balance + amount; // expect: FL1001
        balance = balance - amount; // expect: FL1001
    }
}
