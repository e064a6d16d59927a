using Forklift;
using Forklift.Fixtures;

// Only needed for self-contained or single-file publishing; harmless otherwise. The "no guard" test starts this app as
// a worker with FIXTURE_SKIP_GUARD=1, as an app that forgot this line would be.
if (Environment.GetEnvironmentVariable("FIXTURE_SKIP_GUARD") != "1" && WorkerHost.TryRunAsWorker(args))
{
    return;
}

if (args is ["configured-default"])
{
    // The process-wide default pool, configured before its first use (DefaultPoolTests).
    WorkerPool.ConfigureDefault(o => o.Workers = 1);
    WorkerPool.ConfigureDefault(o => o.Name = "configured");
    int square = await ParallelDefaults.Pool.InvokeAsync(SquareMethod.Square, 6);
    Console.WriteLine($"DEFAULT {WorkerPool.Default.Name} {WorkerPool.Default.WorkerCount} {square}");
    return;
}

await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 2 });
if (args is ["drain", string dir])
{
    // Handles Ctrl+C by draining: the in-flight call must complete, so its worker must survive the SIGINT.
    var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        interrupted.TrySetResult();
    };
    Task<int> call = pool.InvokeAsync(SquareMethod.Hold, dir);
    await interrupted.Task;
    Console.WriteLine("CTRL+C");
    Console.Out.Flush();
    try
    {
        Console.WriteLine($"DRAINED {await call}");
    }
    catch (Exception e)
    {
        Console.WriteLine($"FAILED {e.GetType().Name}: {e.Message}");
    }

    return;
}

if (args is ["print"])
{
    Console.WriteLine($"RESULT {await pool.InvokeAsync(SquareMethod.Print, 5)}");
    return;
}

int result = await pool.InvokeAsync(SquareMethod.Square, 7);
Console.WriteLine($"RESULT {result}");
if (args is ["hold"])
{
    int[] pids = await Task.WhenAll(pool.InvokeAsync(SquareMethod.Pid, 500), pool.InvokeAsync(SquareMethod.Pid, 500));
    Console.WriteLine($"PIDS {pids[0]} {pids[1]}");
    Console.Out.Flush();
    Thread.Sleep(Timeout.Infinite);
}
