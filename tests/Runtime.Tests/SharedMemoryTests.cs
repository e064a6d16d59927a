using System.Diagnostics;
using Forklift.Transport;

namespace Forklift.Runtime.Tests;

/// <summary>
/// Large values travel through shared memory on Linux (see <see cref="SharedMemorySegment"/>): they must come back
/// exactly on both sides of the threshold, and no segment may outlive its message, whatever happens to the worker or
/// the parent. Segments are files in /dev/shm named after the pool's and the worker's pids, so each test looks only
/// at the segments of its own workers (other tests run pools in this process at the same time).
/// </summary>
public sealed class SharedMemoryTests
{
    private const int Threshold = SharedMemorySegment.Threshold;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The bound for the 1 GiB round trip: about 20 s on a quiet two-core machine (making and comparing the value
    /// included), over 60 s when the machine's other work competes for its cores and memory bandwidth. The bound is
    /// there so that a lost reply fails the test instead of hanging it, not to time the copy.
    /// </summary>
    private static readonly TimeSpan LargeWait = TimeSpan.FromMinutes(5);

    public static TheoryData<int> Sizes => new()
    {
        0, 1, Threshold - 64, Threshold - 1, Threshold, Threshold + 1, Threshold + 4096, (3 * Threshold) + 7, 64 * 1024 * 1024,

        // Around the size from which each copy uses streaming stores (Buffers.NonTemporalCopy).
        Buffers.NonTemporalCopy.Threshold - 1, Buffers.NonTemporalCopy.Threshold + 63,
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_byte_array_comes_back_exactly_on_both_sides_of_the_threshold(int size)
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        byte[] sent = Random(size, seed: size);

        byte[]? back = await pool.InvokeAsync(SharedMemoryMethods.Echo, sent).WaitAsync(Wait);

        Assert.NotNull(back);
        Assert.True(sent.AsSpan().SequenceEqual(back), $"{size} bytes did not come back exactly.");
        int pid = await pool.InvokeAsync(TestMethods.Pid, Dispatch.Unit.Value).WaitAsync(Wait);
        Assert.Empty(Segments(pid));
    }

    [Fact]
    public async Task A_value_over_1_GiB_comes_back_exactly()
    {
        // Past every growth step of the segments' mappings (64 MiB doubling to 2 GiB) and not a multiple of a page.
        const int size = (1024 * 1024 * 1024) + 4097;
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        byte[] sent = Random(size, seed: 1024);

        byte[]? back = await pool.InvokeAsync(SharedMemoryMethods.Echo, sent).WaitAsync(LargeWait);

        Assert.NotNull(back);
        Assert.True(sent.AsSpan().SequenceEqual(back), "1 GiB and 4097 bytes did not come back exactly.");
    }

    [Fact]
    public async Task A_worker_frees_each_large_argument_after_its_call_so_its_heap_holds_none_of_them()
    {
        // Larger than LargeMessageCollector.MinimumBytes, so each call allocates enough to collect after it. Without the
        // collection the GC would leave at least the last argument (the GC collects on allocation, not after a call).
        const int size = 96 * 1024 * 1024;
        Assert.True(size > Dispatch.LargeMessageCollector.MinimumBytes);
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        for (int call = 0; call < 3; call++)
        {
            byte[] sent = Random(size, seed: call);
            byte[]? back = await pool.InvokeAsync(SharedMemoryMethods.Echo, sent).WaitAsync(Wait);
            Assert.True(sent.AsSpan().SequenceEqual(back), $"call {call} did not come back exactly");
        }

        // The worker runs one request at a time and collects before it takes the next: this call sees the heap after it.
        long heap = await pool.InvokeAsync(SharedMemoryMethods.HeapBytes, Dispatch.Unit.Value).WaitAsync(Wait);
        Assert.True(heap < size, $"the worker's heap holds {heap} bytes after three calls with {size}-byte arguments");
    }

    [Fact]
    public async Task A_worker_collects_after_each_16_MiB_call_too()
    {
        // Three 16 MiB arguments are 48 MiB: below the 64 MiB a worker once waited for before collecting, so its heap
        // held them until the GC's own budget ran out (and each landed on fresh pages). Now each call's allocation
        // exceeds what survived the last collection, so each is collected after its call.
        const int size = 16 * 1024 * 1024;
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        for (int call = 0; call < 3; call++)
        {
            byte[] sent = Random(size, seed: call);
            byte[]? back = await pool.InvokeAsync(SharedMemoryMethods.Echo, sent).WaitAsync(Wait);
            Assert.True(sent.AsSpan().SequenceEqual(back), $"call {call} did not come back exactly");
        }

        long heap = await pool.InvokeAsync(SharedMemoryMethods.HeapBytes, Dispatch.Unit.Value).WaitAsync(Wait);
        Assert.True(heap < size, $"the worker's heap holds {heap} bytes after three calls with {size}-byte arguments");
    }

    [Fact]
    public async Task Null_and_many_large_values_in_a_row_and_in_a_map_come_back_exactly()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 2 });
        Assert.Null(await pool.InvokeAsync(SharedMemoryMethods.Echo, null).WaitAsync(Wait));

        byte[][] inputs = Enumerable.Range(0, 12).Select(i => Random((Threshold / 2) + (i * 300_001), seed: i)).ToArray();
        byte[]?[] mapped = await pool.MapAsync(SharedMemoryMethods.Echo, inputs).WaitAsync(Wait);
        byte[]?[] invoked = await Task.WhenAll(inputs.Select(input => pool.InvokeAsync(SharedMemoryMethods.Echo, input))).WaitAsync(Wait);

        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.True(inputs[i].AsSpan().SequenceEqual(mapped[i]), $"map input {i} ({inputs[i].Length} bytes) differs");
            Assert.True(inputs[i].AsSpan().SequenceEqual(invoked[i]), $"call {i} ({inputs[i].Length} bytes) differs");
        }
    }

    [Fact]
    public async Task InvokeAsync_returns_before_the_arguments_are_encoded_so_a_large_argument_never_blocks_the_caller()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        byte[] large = Random(4 * Threshold, seed: 11);

        // Small arguments are encoded on the caller's thread, a large one only up to a limit and then on the thread
        // pool. If the whole request were encoded on this thread, InvokeAsync would not return until the codec gave up
        // waiting for the gate (a minute), and the codec would record that.
        Task<byte[]?> call = pool.InvokeAsync(SharedMemoryMethods.GatedEcho, large);
        int caller = Environment.CurrentManagedThreadId;
        SharedMemoryMethods.GatedCodec.Gate.Set();
        byte[]? back = await call.WaitAsync(Wait);

        Assert.True(SharedMemoryMethods.GatedCodec.OpenedInTime, "The arguments were encoded before InvokeAsync returned.");
        Assert.NotEqual(caller, SharedMemoryMethods.GatedCodec.EncodingThread);
        Assert.True(large.AsSpan().SequenceEqual(back), "The gated value did not come back exactly.");
    }

    [Fact]
    public async Task A_small_argument_is_encoded_and_written_on_the_callers_thread()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync().WaitAsync(Wait);
        byte[] small = Random(100, seed: 12);

        // The worker is idle, so the call goes straight to it: no thread-pool hop before the request is written.
        int caller = Environment.CurrentManagedThreadId;
        Task<byte[]?> call = pool.InvokeAsync(SharedMemoryMethods.RecordedEcho, small);
        int encodedOn = SharedMemoryMethods.ThreadRecordingCodec.EncodingThread;
        byte[]? back = await call.WaitAsync(Wait);

        Assert.Equal(caller, encodedOn);
        Assert.True(small.AsSpan().SequenceEqual(back), "The small value did not come back exactly.");
    }

    [Theory]
    [InlineData(100)] // encoded on the caller's thread
    [InlineData(100 * 1024)] // past the caller's-thread limit: encoded again on the thread pool
    [InlineData(3 * Threshold)] // spilled into shared memory before the codec throws
    public async Task An_argument_codec_that_throws_fails_that_call_only_and_the_worker_goes_on(int size)
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        int pid = await pool.InvokeAsync(TestMethods.Pid, Dispatch.Unit.Value).WaitAsync(Wait);
        byte[] refused = Random(size, seed: 13);
        refused[0] = SharedMemoryMethods.FailEncoding;

        FormatException error = await Assert.ThrowsAsync<FormatException>(() => pool.InvokeAsync(SharedMemoryMethods.FailingEcho, refused).WaitAsync(Wait));

        Assert.Equal($"refused {size} bytes", error.Message);
        byte[] fine = Random(size, seed: 14);
        byte[]? back = await pool.InvokeAsync(SharedMemoryMethods.FailingEcho, fine).WaitAsync(Wait);
        Assert.True(fine.AsSpan().SequenceEqual(back), "The next value did not come back exactly.");
        Assert.Equal(pid, await pool.InvokeAsync(TestMethods.Pid, Dispatch.Unit.Value).WaitAsync(Wait));
        Assert.Empty(Segments(pid));
    }

    [Fact]
    public async Task MaxMessageBytes_still_guards_the_pipe_but_not_a_value_in_shared_memory()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, MaxMessageBytes = 64 * 1024 });

        await Assert.ThrowsAsync<InvalidDataException>(() => pool.InvokeAsync(SharedMemoryMethods.Echo, new byte[100_000]).WaitAsync(Wait));
        byte[] large = Random(Threshold + 100_000, seed: 7);
        if (!SharedMemorySegment.IsSupported)
        {
            // Everything goes through the pipe here, so the limit applies to every value.
            await Assert.ThrowsAsync<InvalidDataException>(() => pool.InvokeAsync(SharedMemoryMethods.Echo, large).WaitAsync(Wait));
            return;
        }

        byte[]? back = await pool.InvokeAsync(SharedMemoryMethods.Echo, large).WaitAsync(Wait);
        Assert.True(large.AsSpan().SequenceEqual(back), "A value above the threshold did not come back exactly.");
    }

    [Fact]
    public async Task A_worker_killed_while_writing_a_large_result_leaves_no_segment()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        byte[] poison = Random(3 * Threshold, seed: 3);
        poison[0] = SharedMemoryMethods.DieWhileWriting;
        int pid = await pool.InvokeAsync(TestMethods.Pid, Dispatch.Unit.Value).WaitAsync(Wait);

        WorkerCrashedException error = await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(SharedMemoryMethods.EchoThenDie, poison).WaitAsync(Wait));

        Assert.Equal(pid, error.ProcessId);
        await FixtureApps.WaitUntilAsync(() => Segments(pid).Length == 0, Wait, () => $"the segments of worker {pid} to be deleted: {string.Join(", ", Segments(pid))}");
        byte[] fine = Random(2 * Threshold, seed: 4);
        byte[]? back = await pool.InvokeAsync(SharedMemoryMethods.Echo, fine).WaitAsync(Wait);
        Assert.True(fine.AsSpan().SequenceEqual(back), "The replacement worker did not echo exactly.");
    }

    [Fact]
    public async Task Segments_in_flight_to_a_worker_that_is_killed_or_times_out_are_deleted()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, TaskTimeout = TimeSpan.FromSeconds(20) });

        // Killed from outside while holding a large argument.
        var started = new CallStarted();
        Task<int> held = pool.InvokeAsync(SharedMemoryMethods.HoldBytes, Hold(60_000), started.Sink);
        int killed = await started.ProcessId.WaitAsync(Wait);
        string planted = Plant(killed); // what a request written but not yet opened looks like
        Process.GetProcessById(killed).Kill();
        await Assert.ThrowsAsync<WorkerCrashedException>(() => held.WaitAsync(Wait));
        await FixtureApps.WaitUntilAsync(() => !File.Exists(planted) && Segments(killed).Length == 0, Wait, () => $"the segments of killed worker {killed} to be deleted");

        // Timed out (the pool kills it) while holding a large argument.
        started = new CallStarted();
        Task<int> hung = pool.InvokeAsync(SharedMemoryMethods.HoldBytes, Hold(120_000), started.Sink);
        int timedOut = await started.ProcessId.WaitAsync(Wait);
        planted = Plant(timedOut);
        await Assert.ThrowsAnyAsync<TimeoutException>(() => hung.WaitAsync(Wait));
        await FixtureApps.WaitUntilAsync(() => !File.Exists(planted) && Segments(timedOut).Length == 0, Wait, () => $"the segments of timed-out worker {timedOut} to be deleted");
    }

    [Fact]
    public async Task A_kill_storm_during_large_calls_leaves_no_segment_and_every_answer_is_exact()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 2 });
        var pids = new HashSet<int>();
        try
        {
            for (int round = 0; round < 6; round++)
            {
                byte[][] inputs = Enumerable.Range(0, 4).Select(i => Random((2 * Threshold) + (round * 1000) + i, seed: (round * 10) + i)).ToArray();
                Task<byte[]?>[] calls = inputs.Select(input => pool.InvokeAsync(SharedMemoryMethods.Echo, input)).ToArray();
                var started = new CallStarted();
                Task<int> victim = pool.InvokeAsync(SharedMemoryMethods.HoldBytes, Hold(60_000), started.Sink);
                int pid = await started.ProcessId.WaitAsync(Wait);
                pids.Add(pid);
                Process.GetProcessById(pid).Kill();
                await Assert.ThrowsAsync<WorkerCrashedException>(() => victim.WaitAsync(Wait));
                for (int i = 0; i < calls.Length; i++)
                {
                    // A call on the killed worker may fail; one that answers must answer exactly.
                    try
                    {
                        byte[]? back = await calls[i].WaitAsync(Wait);
                        Assert.True(inputs[i].AsSpan().SequenceEqual(back), $"round {round} call {i} differs");
                    }
                    catch (WorkerCrashedException)
                    {
                    }
                }

                pids.Add(await pool.InvokeAsync(TestMethods.Pid, Dispatch.Unit.Value).WaitAsync(Wait));
            }
        }
        finally
        {
            await pool.DisposeAsync();
        }

        await FixtureApps.WaitUntilAsync(() => pids.All(pid => Segments(pid).Length == 0), Wait, () => "no segment of the storm's workers: " + string.Join(", ", pids.SelectMany(Segments)));
    }

    [Fact]
    public async Task Segments_of_a_parent_killed_with_SIGKILL_are_deleted_by_its_workers_and_a_dead_pools_by_the_next_pool()
    {
        if (!SharedMemorySegment.IsSupported)
        {
            return; // Only Linux has segments; elsewhere everything goes through the pipe.
        }

        await FixtureApps.EnsureBuiltAsync();

        // A segment of a pool process that no longer exists: the next pool process sweeps it at its first pool.
        string swept;
        using (Process gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            gone.WaitForExit();
            swept = $"/dev/shm/forklift-{gone.Id}-1-{Guid.NewGuid():N}";
            File.WriteAllBytes(swept, [1, 2, 3]);
        }

        using Process parent = FixtureApps.Start(FixtureApps.Dotnet, [Path.Combine(FixtureApps.Output("ConsoleApp"), "ConsoleApp.dll"), "hold"], null, out var output);
        try
        {
            int[] workers = [];
            await FixtureApps.WaitUntilAsync(
                () =>
                {
                    lock (output)
                    {
                        string? line = output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("PIDS ", StringComparison.Ordinal));
                        workers = line is null ? [] : line[5..].Trim().Split(' ').Select(int.Parse).ToArray();
                    }

                    return workers.Length == 2 || parent.HasExited;
                },
                Wait,
                () => "the parent to report its workers:\n" + output);
            Assert.Equal(2, workers.Length);
            Assert.False(File.Exists(swept), $"{swept} of a dead pool process was not swept by the next pool.");

            // Large messages in flight when the parent dies: requests not yet opened, results not yet read.
            string[] planted = workers.Select(worker => PlantFor(parent.Id, worker)).ToArray();
            parent.Kill();
            await parent.WaitForExitAsync().WaitAsync(Wait);

            await FixtureApps.WaitUntilAsync(() => !planted.Any(File.Exists), Wait, () => "the workers to delete the segments of their dead parent: " + string.Join(", ", planted.Where(File.Exists)));
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill();
            }
        }
    }

    /// <summary>The segments between this process's pools and worker <paramref name="workerPid"/>.</summary>
    private static string[] Segments(int workerPid)
        => SharedMemorySegment.IsSupported ? Directory.GetFiles("/dev/shm", $"forklift-{Environment.ProcessId}-{workerPid}-*") : [];

    private static string Plant(int workerPid) => PlantFor(Environment.ProcessId, workerPid);

    private static string PlantFor(int poolPid, int workerPid)
    {
        if (!SharedMemorySegment.IsSupported)
        {
            return "/nonexistent/segment";
        }

        string path = $"/dev/shm/forklift-{poolPid}-{workerPid}-{Guid.NewGuid():N}";
        File.WriteAllBytes(path, new byte[4096]);
        return path;
    }

    private static byte[] Hold(int milliseconds)
    {
        byte[] bytes = new byte[Threshold + 10];
        BitConverter.TryWriteBytes(bytes, milliseconds);
        return bytes;
    }

    private static byte[] Random(int size, int seed)
    {
        byte[] bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        if (size > 0 && bytes[0] is SharedMemoryMethods.DieWhileWriting or SharedMemoryMethods.FailEncoding)
        {
            bytes[0] = 0;
        }

        return bytes;
    }
}
