using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Forklift.Package.Tests;

/// <summary>
/// The runtime and the generated marshalling claim to be trimming- and AOT-safe. A fresh project that references the
/// packed <c>Forklift</c> package publishes with Native AOT, with trimming and AOT warnings as errors, and its native
/// executable runs <c>[Parallel]</c> calls in worker processes that are copies of itself (the one-line guard).
/// </summary>
[Collection(PackageFeedCollection.Name)]
public sealed class NativeAotConsumerTests(PackageFeedFixture feed)
{
    private const string Program = """
        using Forklift;

        if (WorkerHost.TryRunAsWorker(args))
        {
            return;
        }

        var order = new Order("A-1", [new Line("apple", 2, 1.25m), new Line("pear", 3, 0.5m)], new Dictionary<string, int?> { ["coupon"] = null });
        Receipt receipt = await Billing.TotalAsync(order);
        int[] squares = await Billing.SquareMapAsync(Enumerable.Range(1, 50));
        Console.WriteLine($"parent={Environment.ProcessId} worker={receipt.WorkerId} total={receipt.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)} lines={receipt.Lines} squares={squares.Sum()}");
        try
        {
            await Billing.RefuseAsync("no such customer");
        }
        catch (InvalidOperationException e) when (e.InnerException is RemoteException remote)
        {
            Console.WriteLine($"remote={remote.RemoteType}: {e.Message}");
        }

        // Private state crosses through generated [UnsafeAccessor]s, which must survive trimming and Native AOT.
        var account = new Account();
        account.Deposit(5m);
        Account back = await Billing.DepositAsync(account, 2.5m);
        Console.WriteLine($"account={back.Balance.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{back.Version}/{string.Join(",", back.History)}");

        public sealed record Line(string Sku, int Quantity, decimal Price);

        public sealed record Order(string Id, List<Line> Lines, Dictionary<string, int?> Notes);

        public sealed record Receipt(int WorkerId, decimal Total, int Lines);

        public sealed class Account
        {
            private decimal balance;
            public decimal Balance => balance;
            public int Version { get; private set; }
            public List<string> History { get; } = new();

            public void Deposit(decimal amount)
            {
                balance += amount;
                Version++;
                History.Add(amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        public static partial class Billing
        {
            [Parallel]
            public static Receipt Total(Order order) => new(Environment.ProcessId, order.Lines.Sum(l => l.Quantity * l.Price), order.Lines.Count);

            [Parallel]
            public static int Square(int x) => x * x;

            [Parallel]
            public static int Refuse(string reason) => throw new InvalidOperationException(reason);

            [Parallel]
            public static Account Deposit(Account account, decimal amount)
            {
                account.Deposit(amount);
                return account;
            }
        }
        """;

    [Fact]
    public async Task Native_AOT_publish_has_no_trimming_warnings_and_runs_parallel_calls_in_workers()
    {
        string directory = feed.NewConsumerApp(
            "aot-consumer",
            $"""<PackageReference Include="Forklift" Version="{feed.Version}" />""",
            Program,
            properties: "<PublishAot>true</PublishAot><TreatWarningsAsErrors>true</TreatWarningsAsErrors>");

        string output = Path.Combine(directory, "native");
        ProcessRunner.Result publish = await ProcessRunner.DotnetAsync(
            $"publish -nologo -c Release -r {RuntimeInformation.RuntimeIdentifier} -o \"{output}\"", directory, TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.DoesNotMatch(@"warning IL\d", publish.Output);
        string executable = Path.Combine(output, OperatingSystem.IsWindows() ? "Consumer.exe" : "Consumer");
        Assert.False(File.Exists(Path.Combine(output, "Consumer.dll")), "A Native AOT publish has no managed entry assembly.");

        ProcessRunner.Result run = await ProcessRunner.RunAsync(executable, string.Empty, directory, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.ToString());
        Match line = Regex.Match(run.Output, @"parent=(\d+) worker=(\d+) total=([\d.]+) lines=(\d+) squares=(\d+)");
        Assert.True(line.Success, run.ToString());
        Assert.NotEqual(line.Groups[1].Value, line.Groups[2].Value);
        Assert.Equal("4.00", line.Groups[3].Value);
        Assert.Equal("2", line.Groups[4].Value);
        Assert.Equal(Enumerable.Range(1, 50).Sum(x => x * x).ToString(System.Globalization.CultureInfo.InvariantCulture), line.Groups[5].Value);
        Assert.Contains("remote=System.InvalidOperationException: no such customer", run.Output);
        Assert.Contains("account=7.5/2/5,2.5", run.Output);
    }
}
