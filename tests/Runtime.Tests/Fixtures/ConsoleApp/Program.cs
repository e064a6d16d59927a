using Forklift;
using Forklift.Fixtures;

// Only needed for self-contained or single-file publishing; harmless otherwise.
if (WorkerHost.TryRunAsWorker(args))
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
int result = await pool.InvokeAsync(SquareMethod.Square, 7);
Console.WriteLine($"RESULT {result}");
if (args is ["hold"])
{
    int[] pids = await Task.WhenAll(pool.InvokeAsync(SquareMethod.Pid, 500), pool.InvokeAsync(SquareMethod.Pid, 500));
    Console.WriteLine($"PIDS {pids[0]} {pids[1]}");
    Console.Out.Flush();
    Thread.Sleep(Timeout.Infinite);
}
