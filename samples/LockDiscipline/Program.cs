using LockDiscipline;

// Each ledger gets a good amount, then a bad one that throws while the lock is held, then we try to read the total.
TimeSpan patience = TimeSpan.FromSeconds(1);

var leaky = new LeakyLedger();
leaky.Add(10);
TryAddInvalid("leaky", () => leaky.Add(-1));
Console.WriteLine(leaky.TryReadTotal(patience, out int leakyTotal)
    ? $"leaky: total = {leakyTotal}"
    : $"leaky: still locked after {patience.TotalSeconds:0} s: the throw skipped Release(), so every later caller waits forever (FL2001)");

var safe = new SafeLedger();
safe.Add(10);
TryAddInvalid("safe", () => safe.Add(-1));
await safe.AddAsync(5, CancellationToken.None);
Console.WriteLine(safe.TryReadTotal(patience, out int safeTotal)
    ? $"safe: total = {safeTotal}; the finally released the lock on the exception path"
    : "safe: still locked (this must not happen)");

static void TryAddInvalid(string name, Action add)
{
    try
    {
        add();
    }
    catch (ArgumentOutOfRangeException e)
    {
        Console.WriteLine($"{name}: Add(-1) threw {e.GetType().Name} while holding the lock");
    }
}
