using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// The methods the tests run in workers, registered the way generated code registers [Parallel] methods: a module
/// initializer that runs in the test host and, loaded by name, in every worker.
/// </summary>
internal static class TestMethods
{
    public const string FailInitVariable = "FORKLIFT_TEST_FAIL_INIT";

    private static readonly List<byte[]> Ballast = [];
    private static int s_initializerRuns;

    public static readonly ParallelMethod<int, int> Echo = Define<int, int>("Echo(int)", TestCodecs.Int32, TestCodecs.Int32, (x, _) => ValueTask.FromResult(x));

    public static readonly ParallelMethod<(int, int), int> Add = Define<(int, int), int>("Add(int, int)", TestCodecs.Int32Pair, TestCodecs.Int32, (a, _) => ValueTask.FromResult(a.Item1 + a.Item2));

    public static readonly ParallelMethod<Unit, int> Pid = Define<Unit, int>("Pid()", TestCodecs.Unit, TestCodecs.Int32, (_, _) => ValueTask.FromResult(Environment.ProcessId));

    /// <summary>Reports the worker's pid as progress once it runs (see <see cref="CallStarted"/>), then sleeps, ignoring
    /// cancellation (it takes no token); returns the worker's pid.</summary>
    public static readonly ParallelMethod<int, int> Sleep = Define<int, int>("Sleep(int, IProgress<int>)", TestCodecs.Int32, TestCodecs.Int32, (ms, context) =>
    {
        context.CreateProgress(TestCodecs.Int32).Report(Environment.ProcessId);
        Thread.Sleep(ms);
        return ValueTask.FromResult(Environment.ProcessId);
    });

    /// <summary>Reports the worker's pid as progress once it runs, then waits on the forwarded token.</summary>
    public static readonly ParallelMethod<int, int> SleepWithToken = Define<int, int>(
        "SleepWithToken(int, IProgress<int>, CancellationToken)",
        TestCodecs.Int32,
        TestCodecs.Int32,
        async (ms, context) =>
        {
            context.CreateProgress(TestCodecs.Int32).Report(Environment.ProcessId);
            await Task.Delay(ms, context.CancellationToken);
            return Environment.ProcessId;
        },
        new ParallelMethodOptions { AcceptsCancellation = true });

    public static readonly ParallelMethod<Unit, Unit> FailFast = Define<Unit, Unit>("FailFast()", TestCodecs.Unit, TestCodecs.Unit, (_, _) =>
    {
        Environment.FailFast("test asked for FailFast");
        return default;
    });

    public static readonly ParallelMethod<int, Unit> Exit = Define<int, Unit>("Exit(int)", TestCodecs.Int32, TestCodecs.Unit, (code, _) =>
    {
        Console.Error.WriteLine($"exiting with {code}");
        Environment.Exit(code);
        return default;
    });

    public static readonly ParallelMethod<int, int> StackOverflow = Define<int, int>("StackOverflow(int)", TestCodecs.Int32, TestCodecs.Int32, (n, _) => ValueTask.FromResult(Recurse(n)));

    public static readonly ParallelMethod<Unit, Unit> KillSelf = Define<Unit, Unit>("KillSelf()", TestCodecs.Unit, TestCodecs.Unit, (_, _) =>
    {
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
        return default;
    });

    public static readonly ParallelMethod<string?, int> Throw = Define<string?, int>("Throw(string)", TestCodecs.String, TestCodecs.Int32, (message, _) => ValueTask.FromResult(ThrowNested(message)));

    /// <summary>Throws an exception whose message is <c>n</c> characters long (to exceed MaxMessageBytes).</summary>
    public static readonly ParallelMethod<int, int> ThrowLong = Define<int, int>("ThrowLong(int)", TestCodecs.Int32, TestCodecs.Int32, (n, _) =>
        throw new InvalidOperationException(new string('x', n)));

    /// <summary>Echoes its input, except that it throws for the value 7.</summary>
    public static readonly ParallelMethod<int, int> FailOnSeven = Define<int, int>("FailOnSeven(int)", TestCodecs.Int32, TestCodecs.Int32, (x, _) =>
        x == 7 ? throw new InvalidOperationException($"refused {x}") : ValueTask.FromResult(x));

    public static readonly ParallelMethod<int, int> CountWithProgress = Define<int, int>("CountWithProgress(int, IProgress<int>)", TestCodecs.Int32, TestCodecs.Int32, (n, context) =>
    {
        IProgress<int> progress = context.CreateProgress(TestCodecs.Int32);
        for (int i = 1; i <= n; i++)
        {
            progress.Report(i);
        }

        return ValueTask.FromResult(n);
    });

    /// <summary>Keeps <c>megabytes</c> of touched memory alive in the worker; returns its pid.</summary>
    public static readonly ParallelMethod<int, int> Allocate = Define<int, int>("Allocate(int)", TestCodecs.Int32, TestCodecs.Int32, (megabytes, _) =>
    {
        byte[] block = new byte[megabytes * 1024 * 1024];
        Random.Shared.NextBytes(block);
        Ballast.Add(block);
        return ValueTask.FromResult(Environment.ProcessId);
    });

    /// <summary>Writes bytes that are not a frame to the protocol stream, then waits.</summary>
    public static readonly ParallelMethod<int, int> WriteGarbage = Define<int, int>("WriteGarbage(int)", TestCodecs.Int32, TestCodecs.Int32, (kind, _) =>
    {
        byte[] bytes = kind switch
        {
            // A header announcing 2 GB: above any MaxMessageBytes.
            0 => [0xFF, 0xFF, 0xFF, 0x7F, 66],
            // A valid header for a 100-byte body followed by 3 bytes and silence... then the worker exits: truncated.
            1 => [100, 0, 0, 0, 66, 1, 2, 3],
            // A well-formed Progress frame (type 67) whose 4-byte body is too short to hold the request id.
            3 => [4, 0, 0, 0, 67, 1, 2, 3, 4],
            // Text, as a stray Console.Write to the real stdout would produce.
            _ => "hello from a confused worker\n"u8.ToArray(),
        };
        WorkerDispatcher.Current!.WriteRawForTesting(bytes);
        if (kind == 1)
        {
            Environment.Exit(0);
        }

        Thread.Sleep(Timeout.Infinite);
        return ValueTask.FromResult(0);
    });

    /// <summary>Returns a string of <c>n</c> characters (to exceed MaxMessageBytes).</summary>
    public static readonly ParallelMethod<int, string?> Text = Define<int, string?>("Text(int)", TestCodecs.Int32, TestCodecs.String, (n, _) => ValueTask.FromResult<string?>(new string('x', n)));

    /// <summary>The worker's current activity: "traceId parentSpanId".</summary>
    public static readonly ParallelMethod<Unit, string?> Trace = Define<Unit, string?>("Trace()", TestCodecs.Unit, TestCodecs.String, (_, _) =>
        ValueTask.FromResult<string?>(Activity.Current is Activity a ? $"{a.TraceId} {a.ParentSpanId}" : null));

    public static readonly ParallelMethod<string?, string?> Env = Define<string?, string?>("Env(string)", TestCodecs.String, TestCodecs.String, (name, _) => ValueTask.FromResult(Environment.GetEnvironmentVariable(name!)));

    public static readonly ParallelMethod<Unit, int> InitializerRuns = Define<Unit, int>("InitializerRuns()", TestCodecs.Unit, TestCodecs.Int32, (_, _) => ValueTask.FromResult(Volatile.Read(ref s_initializerRuns)));

    /// <summary>Writes a line to Console.Out in the worker (which must not corrupt the protocol) and returns n.</summary>
    public static readonly ParallelMethod<int, int> Print = Define<int, int>("Print(int)", TestCodecs.Int32, TestCodecs.Int32, (n, _) =>
    {
        Console.WriteLine($"printing from the worker {n}");
        Console.Out.Flush();
        return ValueTask.FromResult(n);
    });

    /// <summary>Spins on the CPU for about n milliseconds (the benchmark's unit of work).</summary>
    public static readonly ParallelMethod<int, long> Spin = Define<int, long>("Spin(int)", TestCodecs.Int32, TestCodecs.Int64, (ms, _) => ValueTask.FromResult(SpinFor(ms)));

    /// <summary>Starts <c>sh -c 'exec sleep 120'</c> (one process, so the test can kill it) the way user code starts a tool (git, a compiler): inheriting the
    /// worker's standard handles. Reports the grandchild's pid as progress; then, by <c>then</c>: 0 hangs, 1 calls
    /// FailFast, 2 returns the grandchild's pid.</summary>
    public static readonly ParallelMethod<int, int> StartGrandchild = Define<int, int>("StartGrandchild(int, IProgress<int>)", TestCodecs.Int32, TestCodecs.Int32, (then, context) =>
    {
        using Process child = Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", "exec sleep 120" }, UseShellExecute = false })!;
        context.CreateProgress(TestCodecs.Int32).Report(child.Id);
        if (then == 1)
        {
            Environment.FailFast("worker crashed with a grandchild running");
        }

        if (then == 0)
        {
            Thread.Sleep(Timeout.Infinite);
        }

        return ValueTask.FromResult(child.Id);
    });

    /// <summary>Starts <c>cat</c>, which reads its inherited standard input until the end, and returns its pid.</summary>
    public static readonly ParallelMethod<Unit, int> StartStdinReader = Define<Unit, int>("StartStdinReader()", TestCodecs.Unit, TestCodecs.Int32, (_, _) =>
    {
        using Process child = Process.Start(new ProcessStartInfo("cat") { UseShellExecute = false })!;
        return ValueTask.FromResult(child.Id);
    });

    /// <summary>Returns what <c>Console.ReadLine()</c> gives in the worker, or "(null)".</summary>
    public static readonly ParallelMethod<Unit, string?> ReadLine = Define<Unit, string?>("ReadLine()", TestCodecs.Unit, TestCodecs.String, (_, _) =>
        ValueTask.FromResult<string?>(Console.ReadLine() ?? "(null)"));

    /// <summary>Writes a line of <c>n</c> characters without a newline to standard error, then returns n.</summary>
    public static readonly ParallelMethod<int, int> WriteLongLine = Define<int, int>("WriteLongLine(int)", TestCodecs.Int32, TestCodecs.Int32, (n, _) =>
    {
        using Stream error = Console.OpenStandardError();
        byte[] block = new byte[1024 * 1024];
        block.AsSpan().Fill((byte)'y');
        for (int left = n; left > 0; left -= block.Length)
        {
            error.Write(block, 0, Math.Min(left, block.Length));
        }

        return ValueTask.FromResult(n);
    });

    /// <summary>Calls <see cref="Pid"/> through a pool created inside the worker; returns 1 if it ran in this same
    /// process (a worker never starts workers of its own), 0 otherwise.</summary>
    public static readonly ParallelMethod<Unit, int> NestedPid = Define<Unit, int>("NestedPid()", TestCodecs.Unit, TestCodecs.Int32, async (_, _) =>
    {
        await using var inner = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        int pid = await inner.InvokeAsync(Pid, Unit.Value);
        return pid == Environment.ProcessId ? 1 : 0;
    });

    /// <summary>An empty path returns 0 at once. Otherwise creates <c>path.started</c>, reports the worker's pid as
    /// progress, waits (at most two minutes) until the test creates <c>path</c>, and returns the pid. Takes no token.</summary>
    public static readonly ParallelMethod<string?, int> WaitForFile = Define<string?, int>("WaitForFile(string, IProgress<int>)", TestCodecs.String, TestCodecs.Int32, (path, context) =>
    {
        if (string.IsNullOrEmpty(path))
        {
            return ValueTask.FromResult(0);
        }

        File.WriteAllText(path + ".started", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.CreateProgress(TestCodecs.Int32).Report(Environment.ProcessId);
        var waited = Stopwatch.StartNew();
        while (!File.Exists(path) && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(5);
        }

        return ValueTask.FromResult(Environment.ProcessId);
    });

    /// <summary><see cref="WaitForFile"/> that also stops when its forwarded token is cancelled.</summary>
    public static readonly ParallelMethod<string?, int> WaitForFileWithToken = Define<string?, int>(
        "WaitForFileWithToken(string, IProgress<int>, CancellationToken)",
        TestCodecs.String,
        TestCodecs.Int32,
        async (path, context) =>
        {
            if (string.IsNullOrEmpty(path))
            {
                return 0;
            }

            await File.WriteAllTextAsync(path + ".started", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.CreateProgress(TestCodecs.Int32).Report(Environment.ProcessId);
            var waited = Stopwatch.StartNew();
            while (!File.Exists(path) && waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(5, context.CancellationToken);
            }

            return Environment.ProcessId;
        },
        new ParallelMethodOptions { AcceptsCancellation = true });

    [ModuleInitializer]
    internal static void Register()
    {
        foreach (ParallelMethod method in new ParallelMethod[] { Echo, Add, Pid, Sleep, SleepWithToken, FailFast, Exit, StackOverflow, KillSelf, Throw, ThrowLong, FailOnSeven, CountWithProgress, Allocate, WriteGarbage, Text, Trace, Env, InitializerRuns, Print, Spin, StartGrandchild, StartStdinReader, ReadLine, WriteLongLine, NestedPid, WaitForFile, WaitForFileWithToken })
        {
            ParallelMethodRegistry.Register(method);
        }

        ParallelMethodRegistry.RegisterWorkerInitializer(new WorkerInitializer("Forklift.Runtime.Tests.TestMethods.Initialize()", typeof(TestMethods), _ =>
        {
            if (Environment.GetEnvironmentVariable(FailInitVariable) == "1")
            {
                throw new InvalidOperationException("initializer refused to start (test)");
            }

            Interlocked.Increment(ref s_initializerRuns);
            return ValueTask.CompletedTask;
        }));
    }

    public static long SpinFor(int ms)
    {
        long end = Stopwatch.GetTimestamp() + (ms * Stopwatch.Frequency / 1000);
        long x = 0;
        while (Stopwatch.GetTimestamp() < end)
        {
            for (int i = 0; i < 1000; i++)
            {
                x = (x * 31) + i;
            }
        }

        return x;
    }

    private static ParallelMethod<TArgs, TResult> Define<TArgs, TResult>(string signature, ParallelCodec<TArgs> args, ParallelCodec<TResult> result, Func<TArgs, WorkerCallContext, ValueTask<TResult>> invoke, ParallelMethodOptions? options = null)
        => new($"Forklift.Runtime.Tests.TestMethods.{signature}", signature[..signature.IndexOf('(')], typeof(TestMethods), args, result, invoke, options);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Recurse(int n)
    {
        Span<byte> frame = stackalloc byte[256];
        BinaryPrimitives.WriteInt32LittleEndian(frame, n);
        return Recurse(n + 1) + frame[0];
    }

    private static int ThrowNested(string? message)
    {
        try
        {
            throw new ArgumentException("the inner cause");
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(message, e);
        }
    }
}
