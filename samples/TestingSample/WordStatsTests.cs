using Forklift;

namespace TestingSample;

/// <summary>Each test class owns a small process pool, so tests never share workers and nothing outlives the run.</summary>
public sealed class WordStatsTests : IAsyncLifetime
{
    private readonly WorkerPool _pool = new(new WorkerPoolOptions { Workers = 2, TaskTimeout = TimeSpan.FromMinutes(1) });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pool.DisposeAsync();

    [Fact]
    public void The_method_itself_is_ordinary_code()
    {
        DocumentStats stats = WordStats.Analyze("to be or not to be");

        Assert.Equal((6, 13, Environment.ProcessId), (stats.Words, stats.Letters, stats.ProcessId));
    }

    [Fact]
    public async Task In_a_worker_process_it_gives_the_same_answer()
    {
        DocumentStats stats = await WordStats.AnalyzeAsync(_pool, "to be or not to be");

        Assert.Equal((6, 13), (stats.Words, stats.Letters));
        Assert.NotEqual(Environment.ProcessId, stats.ProcessId);
    }

    [Fact]
    public async Task Its_exception_arrives_as_its_own_type_with_the_worker_side_details_inside()
    {
        // Framework exceptions such as ArgumentException are raised as their own type; the RemoteException inside
        // carries the worker's type name and stack trace.
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => WordStats.AnalyzeAsync(_pool, "   "));

        Assert.Equal("document", error.ParamName);
        RemoteException remote = Assert.IsType<RemoteException>(error.InnerException);
        Assert.Equal("System.ArgumentException", remote.RemoteType);
    }

    [Fact]
    public async Task A_map_keeps_the_input_order()
    {
        DocumentStats[] all = await WordStats.AnalyzeMapAsync(_pool, ["one", "two words", "and three words"]);

        Assert.Equal([1, 2, 3], all.Select(s => s.Words));
    }
}

/// <summary>
/// Code that calls the overloads without a pool uses <see cref="ParallelDefaults.Pool"/>; a test points it at its own
/// pool for its duration. It is process-wide, so such tests share one collection (xunit runs a collection serially).
/// </summary>
[Collection(nameof(DefaultPoolCollection))]
public sealed class CodeUsingTheDefaultPoolTests
{
    [Fact]
    public async Task A_test_can_run_default_pool_calls_in_process_for_speed_and_debugging()
    {
        await using var inProcess = new WorkerPool(new WorkerPoolOptions { Isolation = WorkerPoolIsolation.InProcess });
        using IDisposable scope = ParallelDefaults.Use(inProcess);

        DocumentStats stats = await WordStats.AnalyzeAsync("in process");

        Assert.Equal(Environment.ProcessId, stats.ProcessId);
    }
}

[CollectionDefinition(nameof(DefaultPoolCollection))]
public sealed class DefaultPoolCollection;
