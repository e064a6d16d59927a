namespace Forklift.EndToEnd.Tests;

public sealed record Line(string Sku, int Quantity, decimal Price);

public sealed record Order(Guid Id, string Customer, List<Line> Lines);

public sealed record Receipt(Guid OrderId, decimal Total, int WorkerProcessId);

/// <summary>The example of issue #11: state in a private field, a private setter and a get-only collection.</summary>
public sealed class Account
{
    private decimal balance;

    public decimal Balance => balance;

    public int Version { get; private set; }

    public List<string> History { get; } = new();

    public void Deposit(decimal amount, string by)
    {
        balance += amount;
        Version++;
        History.Add(by + " +" + amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Ordinary static methods; the generator adds the calls that run them in worker processes.</summary>
public static partial class Remote
{
    private static int s_initializedInProcess;

    [WorkerInitializer]
    public static void RememberProcess() => s_initializedInProcess = Environment.ProcessId;

    [Parallel]
    public static int ProcessId() => Environment.ProcessId;

    [Parallel]
    public static int InitializedInProcess() => s_initializedInProcess;

    [Parallel(ChunkSize = 4)]
    public static (int Square, int ProcessId) Square(int value) => (value * value, Environment.ProcessId);

    [Parallel]
    public static async Task<Receipt> CheckoutAsync(Order order)
    {
        await Task.Yield();
        return new Receipt(order.Id, order.Lines.Sum(l => l.Quantity * l.Price), Environment.ProcessId);
    }

    /// <summary>Deposits in the worker and returns the account: its whole state must cross both ways.</summary>
    [Parallel]
    public static Account Deposit(Account account, decimal amount)
    {
        account.Deposit(amount, "worker");
        return account;
    }

    /// <summary>What the worker sees of a set of strings: how many, and each one.</summary>
    [Parallel]
    public static (int Count, string[] Values) SeeStrings(HashSet<string> values) => (values.Count, values.ToArray());

    /// <summary>Answers a lookup with the dictionary's own comparer, in the worker.</summary>
    [Parallel]
    public static (bool Found, int Count) Lookup(Dictionary<string, int> map, string key) => (map.ContainsKey(key), map.Count);

    /// <summary>Returns at once, or once the file at <paramref name="waitFor"/> exists (bounded, so a broken test cannot hang).</summary>
    [Parallel(ChunkSize = 1)]
    public static async Task<int> AfterFile(string? waitFor, int value)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waitFor is not null && !File.Exists(waitFor))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"{waitFor} was never created.");
            }

            await Task.Delay(10);
        }

        return value;
    }

    [Parallel]
    public static string Scale(int value, int factor = 10, string unit = "x", ConsoleColor color = ConsoleColor.Green)
        => $"{value * factor} {unit}, {color}";

    /// <summary>Named …Async: its generated single call is DescribeInWorkerAsync.</summary>
    [Parallel]
    public static Task<string> DescribeAsync(double value = 0.25, ConsoleColor color = ConsoleColor.Green)
        => Task.FromResult($"{value.ToString(System.Globalization.CultureInfo.InvariantCulture)} x, {color}");

    [Parallel]
    public static int Fail(string message) => throw new InvalidOperationException(message);

    /// <summary>Throws KeyNotFoundException from the indexer when the key is missing.</summary>
    [Parallel]
    public static int Find(Dictionary<string, int> map, string key) => map[key];

    [Parallel]
    public static int FailMany(string path) => throw new AggregateException(
        "several failures",
        new ArgumentException("must not be empty", nameof(path)),
        new FileNotFoundException("no such file", path),
        new Lookalike.KeyNotFoundException("not the framework's"));

    [Parallel]
    public static int FailWithLookalike(string message) => throw new Lookalike.KeyNotFoundException(message);

    [Parallel]
    public static void Crash(int exitCode) => Environment.Exit(exitCode);

    [Parallel]
    public static int Steps(int count, IProgress<string> progress)
    {
        for (int i = 1; i <= count; i++)
        {
            progress.Report($"step {i} of {count}");
        }

        return count;
    }

    [Parallel]
    public static async Task<int> WaitForCancellation(int unused, IProgress<int> started, CancellationToken cancellationToken)
    {
        started.Report(Environment.ProcessId);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return unused;
    }
}
