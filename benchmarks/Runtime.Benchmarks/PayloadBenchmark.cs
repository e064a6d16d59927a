using System.Diagnostics;
using System.Globalization;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Runtime.Benchmarks;

/// <summary>
/// Echo of a <c>byte[]</c> through one worker (sent and returned) at 1 to 1,024 MB, side by side with two
/// <c>memcpy</c>s of the same size in this process, Python's <c>Pool.apply</c> and Python <c>shared_memory</c>; and
/// the trivial round trip against the raw pipe ping-pong, in the same run. Prints the load average before and after.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/Runtime.Benchmarks -- payload [largest MB]</c>.</remarks>
internal static class PayloadBenchmark
{
    public static readonly ParallelMethod<byte[]?, byte[]?> Echo = new(
        "Forklift.Runtime.Benchmarks.PayloadBenchmark.Echo(byte[])", "Echo", typeof(PayloadBenchmark), BytesCodec.Instance, BytesCodec.Instance, (bytes, _) => ValueTask.FromResult(bytes));

    public static async Task RunAsync(int largestMegabytes)
    {
        Console.WriteLine($"Load average at start: {LoadAverage.Read()}");
        Console.WriteLine();
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync();
        await pool.InvokeAsync(Echo, new byte[2 * 1024 * 1024]);

        (double trip, double raw, double rawAsync) = await RoundTripBenchmark.MeasureAsync(pool, 5000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trivial round trip, median of 5,000 (interleaved): Forklift {trip:F1} µs vs raw .NET pipe ping-pong {raw:F1} µs (ratio {trip / raw:F2}×); raw ping-pong behind an async API {rawAsync:F1} µs"));
        Console.WriteLine();
        Console.WriteLine("| MB | first echo at this size (ms) | Forklift echo (ms) | InvokeAsync returned after (ms) | 2 × copy (ms) | Forklift / copies | ms per MB | Python Pool.apply (ms) | Forklift faster than Pool.apply by | Python shared_memory (ms) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int megabytes in new[] { 1, 16, 64, 256, 1024 })
        {
            if (megabytes > largestMegabytes)
            {
                continue;
            }

            // Up to 64 MB an echo takes milliseconds, so one thread woken late on a loaded machine moves it by a third:
            // 11 runs there (5 before 2026-11-29), 3 above.
            int runs = megabytes <= 64 ? 11 : 3;
            int size = megabytes * 1024 * 1024;
            byte[] data = new byte[size];
            new Random(megabytes).NextBytes(data);
            var echo = new List<double>();
            var returned = new List<double>();

            // The first echo of a size grows both segments to it and faults their pages in (and the GC's first arrays
            // of that size land on fresh pages): reported on its own, the steady state is the median of the runs after it.
            (double first, _) = await EchoOnceAsync(pool, data);
            GC.Collect();
            for (int run = 0; run < runs; run++)
            {
                (double took, double returnedAfter) = await EchoOnceAsync(pool, data);
                echo.Add(took);
                returned.Add(returnedAfter);
                GC.Collect();
            }

            double memcpy = TwoCopies(data, runs);
            (double apply, double shm) = Python(megabytes, runs);
            double forklift = Median(echo);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {megabytes:N0} | {first:F1} | {forklift:F1} | {Median(returned):F2} | {memcpy:F1} | {forklift / memcpy:F1}× | {forklift / megabytes:F2} | {apply:F0} | {apply / forklift:F1}× | {shm:F0} |"));
            data = [];
            GC.Collect();
        }

        Console.WriteLine();
        Console.WriteLine($"Load average at end: {LoadAverage.Read()}");
    }

    /// <summary>Only the Forklift echo of <paramref name="megabytes"/> MB, <paramref name="runs"/> times, each time
    /// printed: a target for a profiler (<c>echo &lt;MB&gt; &lt;runs&gt;</c>).</summary>
    public static async Task EchoOnlyAsync(int megabytes, int runs)
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync();
        byte[] data = new byte[megabytes * 1024 * 1024];
        new Random(megabytes).NextBytes(data);
        for (int run = 0; run < runs; run++)
        {
            (double took, _) = await EchoOnceAsync(pool, data);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"echo {megabytes} MB: {took:F1} ms"));
            GC.Collect();
        }
    }

    /// <summary>One echo of <paramref name="data"/>, checked: how long it took, and how long <c>InvokeAsync</c> took to
    /// return its task.</summary>
    /// <remarks>A method of its own so that neither the result nor the task holding it outlives it: the caller's
    /// collection after each run then frees the result (as the in-process copies free theirs), and the next result
    /// reuses its memory. Held by a local of the loop, as before, each result lived until the run after next and every
    /// other 1 GB result landed on fresh pages.</remarks>
    private static async Task<(double Echo, double Returned)> EchoOnceAsync(WorkerPool pool, byte[] data)
    {
        long start = Stopwatch.GetTimestamp();
        Task<byte[]?> call = pool.InvokeAsync(Echo, data);
        double returned = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        byte[]? back = await call;
        double echo = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        int size = data.Length;
        if (back is null || back.Length != size || (size > 0 && (back[^1] != data[^1] || back[size / 2] != data[size / 2])))
        {
            throw new InvalidOperationException("wrong echo");
        }

        return (echo, returned);
    }

    /// <summary>Two copies of <paramref name="data"/> into fresh arrays (as an echo must produce a new array): the
    /// floor for a value that goes out and comes back. Median of <paramref name="runs"/>, after a first run that is not
    /// counted (as the Forklift echo's first run at a size is not).</summary>
    private static double TwoCopies(byte[] data, int runs)
    {
        var times = new List<double>();
        for (int run = -1; run < runs; run++)
        {
            long start = Stopwatch.GetTimestamp();
            byte[] there = GC.AllocateUninitializedArray<byte>(data.Length);
            data.AsSpan().CopyTo(there);
            byte[] back = GC.AllocateUninitializedArray<byte>(data.Length);
            there.AsSpan().CopyTo(back);
            if (run >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            GC.KeepAlive(back);
            there = back = [];
            GC.Collect();
        }

        return Median(times);
    }

    private static (double Apply, double SharedMemory) Python(int megabytes, int runs)
    {
        // Standard error is read and dropped: Python 3.11's resource tracker warns about segments a worker attached to
        // and the parent unlinked (a known bug of its resource tracker), which would bury the table.
        var info = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python_payload.py"));
        info.ArgumentList.Add(megabytes.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(runs.ToString(CultureInfo.InvariantCulture));
        using Process python = Process.Start(info)!;
        Task<string> errors = python.StandardError.ReadToEndAsync();
        string output = python.StandardOutput.ReadToEnd();
        _ = errors.Result;
        python.WaitForExit();
        double Value(string key) => double.Parse(output.Split('\n').First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ')[1], CultureInfo.InvariantCulture);
        return (Value("apply_ms"), Value("shm_ms"));
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private sealed class BytesCodec : ParallelCodec<byte[]?>
    {
        public static readonly BytesCodec Instance = new();

        public override void Write(ref PayloadWriter writer, byte[]? value) => writer.WriteByteArray(value);

        public override byte[]? Read(ref PayloadReader reader) => reader.ReadByteArray();
    }
}
