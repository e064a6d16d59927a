namespace Forklift.EndToEnd.Tests;

/// <summary>
/// <see cref="WorkerPoolIsolation.InProcess"/> is for tests and debugging, so it must behave like worker processes:
/// the same scenarios run against both, with the same assertions.
/// </summary>
public sealed class InProcessParityTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static TheoryData<WorkerPoolIsolation> Isolations => new() { WorkerPoolIsolation.Process, WorkerPoolIsolation.InProcess };

    [Theory]
    [MemberData(nameof(Isolations))]
    public async Task TheMethodWorksOnACopyOfItsArguments(WorkerPoolIsolation isolation)
    {
        await using WorkerPool pool = NewPool(isolation);
        var account = new Account();
        account.Deposit(1m, "caller");

        Account returned = await Remote.DepositAsync(pool, account, 2m).WaitAsync(Limit);

        Assert.NotSame(account, returned);
        Assert.Equal((3m, 2), (returned.Balance, returned.Version));
        Assert.Equal((1m, 1, 1), (account.Balance, account.Version, account.History.Count));
    }

    [Theory]
    [MemberData(nameof(Isolations))]
    public async Task ExceptionsAreWrappedTheSameWay(WorkerPoolIsolation isolation)
    {
        await using WorkerPool pool = NewPool(isolation);

        InvalidOperationException known = await Assert.ThrowsAsync<InvalidOperationException>(() => Remote.FailAsync(pool, "bad input").WaitAsync(Limit));
        Assert.Equal(typeof(InvalidOperationException).FullName, Assert.IsType<RemoteException>(known.InnerException).RemoteType);

        RemoteException custom = await Assert.ThrowsAsync<RemoteException>(() => Remote.FailWithLookalikeAsync(pool, "custom").WaitAsync(Limit));
        Assert.Equal(typeof(Lookalike.KeyNotFoundException).FullName, custom.RemoteType);

        InvalidOperationException mapped = await Assert.ThrowsAsync<InvalidOperationException>(() => Remote.FailMapAsync(pool, new[] { "first" }).WaitAsync(Limit));
        Assert.Equal("Input 0: first", mapped.Message);
    }

    [Theory]
    [MemberData(nameof(Isolations))]
    public async Task UnorderedResultsArriveAsTheyComplete(WorkerPoolIsolation isolation)
    {
        await using WorkerPool pool = NewPool(isolation);
        string file = Path.Combine(Path.GetTempPath(), $"forklift-parity-{Guid.NewGuid():N}");
        try
        {
            // Input 0 finishes only after the test has seen input 1's result: in input order, this would wait for ever.
            var seen = new List<int>();
            using var timeout = new CancellationTokenSource(Limit);
            await foreach ((int index, int value) in Remote.AfterFileUnorderedAsync(pool, new (string?, int)[] { (file, 0), (null, 1) }, timeout.Token))
            {
                seen.Add(index);
                Assert.Equal(index, value);
                File.WriteAllText(file, "go");
            }

            Assert.Equal(new[] { 1, 0 }, seen);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static WorkerPool NewPool(WorkerPoolIsolation isolation) => new(new WorkerPoolOptions { Workers = 2, Isolation = isolation });
}
