using System.Collections.Concurrent;

namespace Forklift.EndToEnd.Tests;

/// <summary>Generated calls against a real pool of two worker processes.</summary>
public sealed class ParallelEndToEndTests : IAsyncLifetime
{
    // Every wait is bounded: a broken pool fails the test instead of hanging the run.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private readonly WorkerPool _pool = new(new WorkerPoolOptions { Workers = 2 });

    public Task InitializeAsync() => _pool.WarmUpAsync().WaitAsync(Limit);

    public async Task DisposeAsync() => await _pool.DisposeAsync().AsTask().WaitAsync(Limit);

    [Fact]
    public async Task CallsRunInAnotherProcess()
    {
        int workerProcessId = await Remote.ProcessIdAsync(_pool).WaitAsync(Limit);

        Assert.NotEqual(Environment.ProcessId, workerProcessId);
        Assert.True(workerProcessId > 0);
    }

    [Fact]
    public async Task WorkerInitializerRanInTheWorker()
    {
        // The initializer stored the worker's own process id in the worker's copy of a static field.
        int initializedIn = await Remote.InitializedInProcessAsync(_pool).WaitAsync(Limit);

        Assert.NotEqual(0, initializedIn);
        Assert.NotEqual(Environment.ProcessId, initializedIn);
    }

    [Fact]
    public async Task MapReturnsResultsInInputOrder()
    {
        int[] inputs = Enumerable.Range(0, 40).ToArray();

        (int Square, int ProcessId)[] results = await Remote.SquareMapAsync(_pool, inputs).WaitAsync(Limit);

        Assert.Equal(inputs.Select(i => i * i), results.Select(r => r.Square));
        Assert.DoesNotContain(results, r => r.ProcessId == Environment.ProcessId);
    }

    [Fact]
    public async Task UnorderedYieldsEveryIndexOnce()
    {
        var seen = new Dictionary<int, int>();
        using var timeout = new CancellationTokenSource(Limit);
        await foreach ((int index, (int square, _)) in Remote.SquareUnorderedAsync(_pool, Enumerable.Range(0, 20), timeout.Token))
        {
            seen.Add(index, square);
        }

        Assert.Equal(Enumerable.Range(0, 20), seen.Keys.Order());
        Assert.All(seen, pair => Assert.Equal(pair.Key * pair.Key, pair.Value));
    }

    [Fact]
    public async Task RecordsTravelBothWays()
    {
        var order = new Order(Guid.NewGuid(), "ada", new List<Line> { new("a", 2, 1.5m), new("b", 1, 10m) });

        Receipt receipt = await Remote.CheckoutInWorkerAsync(_pool, order).WaitAsync(Limit);

        Assert.Equal(order.Id, receipt.OrderId);
        Assert.Equal(13m, receipt.Total);
        Assert.NotEqual(Environment.ProcessId, receipt.WorkerProcessId);
    }

    [Fact]
    public async Task TheGeneratedSynchronousCallReturnsWhatTheAsynchronousOneReturns()
    {
        var order = new Order(Guid.NewGuid(), "ada", new List<Line> { new("a", 2, 1.5m), new("b", 1, 10m) });

        // On a thread of its own, as a blocking caller would be (never block a test's thread-pool thread).
        (Receipt Receipt, int ProcessId, int Square) got = await Task.Factory.StartNew(
            () => (Remote.CheckoutInWorker(_pool, order), Remote.ProcessIdInWorker(_pool), Remote.SquareInWorker(_pool, 7).Square),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).WaitAsync(Limit);

        Assert.Equal(order.Id, got.Receipt.OrderId);
        Assert.Equal(13m, got.Receipt.Total);
        Assert.NotEqual(Environment.ProcessId, got.Receipt.WorkerProcessId);
        Assert.NotEqual(Environment.ProcessId, got.ProcessId);
        Assert.Equal(49, got.Square);
    }

    [Fact]
    public async Task DefaultParameterValuesAreKeptOnTheGeneratedCalls()
    {
        Assert.Equal("40 x, Green", await Remote.ScaleAsync(_pool, 4).WaitAsync(Limit));
        Assert.Equal("8 cm, Green", await Remote.ScaleAsync(_pool, 4, 2, "cm").WaitAsync(Limit));
        Assert.Equal("-1.5 x, Red", await Remote.DescribeInWorkerAsync(_pool, -1.5, ConsoleColor.Red).WaitAsync(Limit));
        Assert.Equal("0.25 x, Green", await Remote.DescribeInWorkerAsync(_pool).WaitAsync(Limit));
    }

    [Fact]
    public async Task PrivateStateCrossesToTheWorkerAndBack()
    {
        var account = new Account();
        account.Deposit(100m, "caller");

        Account after = await Remote.DepositAsync(_pool, account, 0.5m).WaitAsync(Limit);

        Assert.Equal(100.5m, after.Balance);
        Assert.Equal(2, after.Version);
        Assert.Equal(new[] { "caller +100", "worker +0.5" }, after.History);

        // The caller's object is a copy the worker never touched.
        Assert.Equal((100m, 1), (account.Balance, account.Version));
        Assert.Single(account.History);
    }

    [Fact]
    public async Task StringsWithLoneSurrogatesCrossExactly()
    {
        // Half an emoji, as Substring leaves it, next to the whole emoji and the replacement character.
        string[] values = { "🚚".Substring(0, 1), "🚚".Substring(1, 1), "\uFFFD", "🚚" };

        (int count, string[] seen) = await Remote.SeeStringsAsync(_pool, new HashSet<string>(values, StringComparer.Ordinal)).WaitAsync(Limit);

        Assert.Equal(4, count);
        Assert.Equal(values.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DictionariesKeepTheirComparerInTheWorker()
    {
        var ignoreCase = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Key"] = 1 };
        Assert.Equal((true, 1), await Remote.LookupAsync(_pool, ignoreCase, "KEY").WaitAsync(Limit));

        var byReference = new Dictionary<string, int>(ReferenceEqualityComparer.Instance) { [new string('k', 2)] = 1, [new string('k', 2)] = 2 };
        Assert.Equal((false, 2), await Remote.LookupAsync(_pool, byReference, "kk").WaitAsync(Limit));
    }

    [Fact]
    public async Task AnUnknownComparerFailsTheCallBeforeItIsSent()
    {
        var custom = new Dictionary<string, int>(new LengthComparer()) { ["abc"] = 1 };

        NotSupportedException error = await Assert.ThrowsAsync<NotSupportedException>(() => Remote.LookupAsync(_pool, custom, "xyz").WaitAsync(Limit));

        Assert.Contains(nameof(LengthComparer), error.Message, StringComparison.Ordinal);
        Assert.Equal((true, 1), await Remote.LookupAsync(_pool, new Dictionary<string, int> { ["a"] = 1 }, "a").WaitAsync(Limit));
    }

    [Fact]
    public async Task WellKnownExceptionsArriveAsTheirOwnTypeWithTheRemoteSideInside()
    {
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => Remote.FailAsync(_pool, "bad input").WaitAsync(Limit));

        Assert.Equal("bad input", error.Message);
        Assert.Contains(nameof(Remote.Fail), error.StackTrace ?? string.Empty, StringComparison.Ordinal);
        RemoteException remote = Assert.IsType<RemoteException>(error.InnerException);
        Assert.Equal(typeof(InvalidOperationException).FullName, remote.RemoteType);
        Assert.Contains(nameof(Remote.Fail), remote.RemoteStackTrace ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatchKeyNotFoundExceptionWorksAcrossTheBoundary()
    {
        string? caught = null;
        try
        {
            await Remote.FindAsync(_pool, new Dictionary<string, int> { ["a"] = 1 }, "b").WaitAsync(Limit);
        }
        catch (KeyNotFoundException e)
        {
            caught = e.Message;
        }

        Assert.Contains("'b'", caught, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryInnerExceptionOfAnAggregateCrosses()
    {
        AggregateException error = await Assert.ThrowsAsync<AggregateException>(() => Remote.FailManyAsync(_pool, "data.csv").WaitAsync(Limit));

        Assert.Equal(3, error.InnerExceptions.Count);
        ArgumentException argument = Assert.IsType<ArgumentException>(error.InnerExceptions[0]);
        Assert.Equal("path", argument.ParamName);
        Assert.Equal("must not be empty (Parameter 'path')", argument.Message);
        FileNotFoundException file = Assert.IsType<FileNotFoundException>(error.InnerExceptions[1]);
        Assert.Equal("data.csv", file.FileName);
        RemoteException lookalike = Assert.IsType<RemoteException>(error.InnerExceptions[2]);
        Assert.Equal(typeof(Lookalike.KeyNotFoundException).FullName, lookalike.RemoteType);
        Assert.Equal("several failures (must not be empty (Parameter 'path')) (no such file) (not the framework's)", error.Message);
    }

    [Fact]
    public async Task OtherExceptionsStayRemoteExceptionsWhateverTheirName()
    {
        RemoteException error = await Assert.ThrowsAsync<RemoteException>(() => Remote.FailWithLookalikeAsync(_pool, "custom").WaitAsync(Limit));

        Assert.Equal(typeof(Lookalike.KeyNotFoundException).FullName, error.RemoteType);
        Assert.Equal("custom", error.Message);
    }

    [Fact]
    public async Task ProgressIsForwardedInOrder()
    {
        var reports = new ConcurrentQueue<string>();

        int result = await Remote.StepsAsync(_pool, 5, new DirectProgress<string>(reports.Enqueue)).WaitAsync(Limit);

        Assert.Equal(5, result);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"step {i} of 5"), reports);
    }

    [Fact]
    public async Task CancellationIsForwardedToTheWorker()
    {
        using var cancellation = new CancellationTokenSource();
        var started = new DirectProgress<int>(_ => cancellation.Cancel());

        Task<int> call = Remote.WaitForCancellationAsync(_pool, 0, started, cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Limit));
        Assert.True(cancellation.IsCancellationRequested);
    }

    [Fact]
    public async Task APoolSurvivesACrashingMethod()
    {
        WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => Remote.CrashAsync(_pool, 42).WaitAsync(Limit));
        Assert.Equal(42, crash.ExitCode);

        // The crashed worker is replaced; the next calls still run in worker processes.
        int[] after = (await Remote.SquareMapAsync(_pool, new[] { 1, 2, 3 }).WaitAsync(Limit)).Select(r => r.Square).ToArray();
        Assert.Equal(new[] { 1, 4, 9 }, after);
        Assert.NotEqual(Environment.ProcessId, await Remote.ProcessIdAsync(_pool).WaitAsync(Limit));
    }

    private sealed class LengthComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => x?.Length == y?.Length;

        public int GetHashCode(string obj) => obj.Length;
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>, so the test sees every report before the call ends.</summary>
    private sealed class DirectProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
