using System.Diagnostics;
using System.Globalization;

namespace Forklift.Runtime.Benchmarks;

/// <summary>
/// The trivial round trip (<c>await pool.InvokeAsync(Echo, i)</c>, one warm worker) against a raw ping-pong of 16
/// bytes over stdin/stdout pipes between two .NET processes, and against the same ping-pong behind an async API.
/// </summary>
/// <remarks>
/// The raw children and the pool stay up for the whole run and the three alternate in blocks of 500 round trips, so
/// all see the same load: on a shared machine the raw figure alone moves between 4 and 8 µs from one minute to the next.
/// <para>On Linux an awaiting caller reads its own answer when it comes within 20 µs (then the task is complete before
/// <c>InvokeAsync</c> returns it); each round prints how many answers it read that way.</para>
/// <para>The blocking rounds (<see cref="MeasureBlocking"/>) time the synchronous <c>pool.Invoke</c> against the same
/// raw ping-pong from the same thread.</para>
/// <para>The async ping-pong is the floor for any awaitable call over a pipe: the caller writes, a dedicated thread
/// blocks in <c>read</c> and completes a <see cref="TaskCompletionSource"/> whose continuation runs on the thread pool
/// (as the pool's results do, so a continuation that blocks cannot stall the reading thread). It pays one thread wake
/// per call more than the synchronous ping-pong, where the caller itself blocks in <c>read</c>.</para>
/// Run: <c>dotnet run -c Release --project benchmarks/Runtime.Benchmarks -- roundtrip [round trips]</c>.
/// </remarks>
internal static class RoundTripBenchmark
{
    private const int Block = 500;

    public static async Task<(double Forklift, double Raw, double RawAsync)> MeasureAsync(WorkerPool pool, int count)
    {
        using var raw = new RawPingPong();
        using var rawAsync = new RawPingPong();
        rawAsync.StartReader();
        for (int i = 0; i < 2000; i++)
        {
            await pool.InvokeAsync(BenchmarkMethods.Echo, i);
            raw.RoundTrip(i);
            await rawAsync.RoundTripAsync(i);
        }

        double[] forklift = new double[count];
        double[] pipe = new double[count];
        double[] pipeAsync = new double[count];
        for (int done = 0; done < count; done += Block)
        {
            int end = Math.Min(count, done + Block);
            for (int i = done; i < end; i++)
            {
                long start = Stopwatch.GetTimestamp();
                raw.RoundTrip(i);
                pipe[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            for (int i = done; i < end; i++)
            {
                long start = Stopwatch.GetTimestamp();
                await rawAsync.RoundTripAsync(i);
                pipeAsync[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            for (int i = done; i < end; i++)
            {
                long start = Stopwatch.GetTimestamp();
                int back = await pool.InvokeAsync(BenchmarkMethods.Echo, i);
                forklift[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                if (back != i)
                {
                    throw new InvalidOperationException("wrong echo");
                }
            }
        }

        return (Median(forklift), Median(pipe), Median(pipeAsync));
    }

    /// <summary>The round trip from a thread that blocks for each result, as Python's <c>apply_async(f).get()</c>
    /// blocks: <c>pool.Invoke(Echo, i)</c> (on Linux the caller reads its own answer from the worker's pipe) and
    /// <c>InvokeAsync(…).GetAwaiter().GetResult()</c> (the pool's reading thread reads it and wakes the caller),
    /// interleaved with the raw ping-pong on the same thread.</summary>
    /// <remarks>Also times the raw ping-pong behind a reading thread with the same blocking caller
    /// (<c>RoundTripAsync(i).GetAwaiter().GetResult()</c>): the floor for any design in which a thread other than
    /// the caller reads the pipe, as the pool's reading thread does for <c>InvokeAsync</c>.</remarks>
    public static (double Invoke, double InvokeAsyncBlocked, double Raw, double RawWithReader) MeasureBlocking(WorkerPool pool, int count)
    {
        (double, double, double, double) result = default;
        var thread = new Thread(() =>
        {
            using var raw = new RawPingPong();
            using var rawWithReader = new RawPingPong();
            rawWithReader.StartReader();
            for (int i = 0; i < 2000; i++)
            {
                pool.Invoke(BenchmarkMethods.Echo, i);
                pool.InvokeAsync(BenchmarkMethods.Echo, i).GetAwaiter().GetResult();
                raw.RoundTrip(i);
                rawWithReader.RoundTripAsync(i).GetAwaiter().GetResult();
            }

            double[] invoke = new double[count];
            double[] blocked = new double[count];
            double[] pipe = new double[count];
            double[] pipeWithReader = new double[count];
            for (int done = 0; done < count; done += Block)
            {
                int end = Math.Min(count, done + Block);
                for (int i = done; i < end; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    raw.RoundTrip(i);
                    pipe[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }

                for (int i = done; i < end; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    int back = pool.Invoke(BenchmarkMethods.Echo, i);
                    invoke[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    if (back != i)
                    {
                        throw new InvalidOperationException("wrong echo");
                    }
                }

                for (int i = done; i < end; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    rawWithReader.RoundTripAsync(i).GetAwaiter().GetResult();
                    pipeWithReader[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }

                for (int i = done; i < end; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    int back = pool.InvokeAsync(BenchmarkMethods.Echo, i).GetAwaiter().GetResult();
                    blocked[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    if (back != i)
                    {
                        throw new InvalidOperationException("wrong echo");
                    }
                }
            }

            result = (Median(invoke), Median(blocked), Median(pipe), Median(pipeWithReader));
        });
        thread.Start();
        thread.Join();
        return result;
    }

    /// <summary><c>pool.Invoke(Echo, i)</c> alone on a thread of its own (median), for the comparison with Python.</summary>
    public static double MeasureInvoke(WorkerPool pool, int count)
    {
        double median = 0;
        var thread = new Thread(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                pool.Invoke(BenchmarkMethods.Echo, i);
            }

            double[] invoke = new double[count];
            for (int i = 0; i < count; i++)
            {
                long start = Stopwatch.GetTimestamp();
                pool.Invoke(BenchmarkMethods.Echo, i);
                invoke[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            median = Median(invoke);
        });
        thread.Start();
        thread.Join();
        return median;
    }

    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"Load average at start: {LoadAverage.Read()}");
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync();

        // The first round runs while the runtime's tiered JIT still promotes the hot paths of both sides (a method is
        // recompiled optimized after it has run a while), so it is printed as a warm-up and the three after it are the
        // steady state.
        for (int round = -1; round < 3; round++)
        {
            long readBefore = pool.AnswersReadByAwaitingCaller;
            (double forklift, double raw, double rawAsync) = await MeasureAsync(pool, count);
            long read = pool.AnswersReadByAwaitingCaller - readBefore;
            string label = round < 0 ? "Warm-up round" : "Round trip";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}, median of {count:N0} (interleaved): Forklift {forklift:F2} µs | raw pipe ping-pong {raw:F2} µs (Forklift {forklift / raw:F2}×) | raw ping-pong behind an async API {rawAsync:F2} µs (Forklift {forklift / rawAsync:F2}×) | {read:N0} of {count + 2000:N0} answers read by the awaiting caller"));
        }

        for (int round = 0; round < 3; round++)
        {
            long ledBefore = pool.CallsLedByCaller;
            (double invoke, double blocked, double raw, double rawWithReader) = MeasureBlocking(pool, count);
            long led = pool.CallsLedByCaller - ledBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Blocking caller, median of {count:N0} (interleaved): raw pipe ping-pong {raw:F2} µs | Forklift Invoke {invoke:F2} µs ({invoke / raw:F2}× raw; {led:N0} of {count + 2000:N0} answers read by the caller) | raw ping-pong behind a reading thread {rawWithReader:F2} µs ({rawWithReader / raw:F2}× raw) | Forklift InvokeAsync().GetResult() {blocked:F2} µs ({blocked / raw:F2}× raw)"));
        }

        // Python runs as a process of its own that does a block of 500 round trips whenever it is told to, so its
        // blocks alternate with pool.Invoke's and the raw ping-pong's as the .NET variants alternate above.
        int pythonCount = Math.Min(count, 5000);
        for (int round = 0; round < 3; round++)
        {
            (double python, double invoke, double raw) = MeasureWithPython(pool, pythonCount);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Blocking caller, median of {pythonCount:N0} (interleaved with Python): Python Pool.apply_async(f).get() {python:F1} µs | Forklift Invoke {invoke:F2} µs (faster by {python / invoke:F1}×) | raw pipe ping-pong {raw:F2} µs (Python / raw {python / raw:F1}×)"));
        }

        Console.WriteLine($"Load average at end: {LoadAverage.Read()}");
    }

    /// <summary>Python's <c>Pool(1).apply_async(f, (i,)).get()</c> (python_pool.py in its "serve" mode), <c>pool.Invoke</c>
    /// and the raw ping-pong, alternating in blocks of 500 on one thread (medians).</summary>
    private static (double Python, double Invoke, double Raw) MeasureWithPython(WorkerPool pool, int count)
    {
        var info = new ProcessStartInfo("python3") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python_pool.py"));
        info.ArgumentList.Add(Block.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("1");
        info.ArgumentList.Add("serve");
        using Process python = Process.Start(info)!;
        (double, double, double) result = default;
        var thread = new Thread(() =>
        {
            using var raw = new RawPingPong();
            for (int i = 0; i < 2000; i++)
            {
                pool.Invoke(BenchmarkMethods.Echo, i);
                raw.RoundTrip(i);
            }

            double[] invoke = new double[count];
            double[] pipe = new double[count];
            for (int done = 0; done < count; done += Block)
            {
                python.StandardInput.WriteLine("run");
                python.StandardInput.Flush();
                if (python.StandardOutput.ReadLine() != "done")
                {
                    throw new InvalidOperationException("python_pool.py stopped");
                }

                int end = Math.Min(count, done + Block);
                for (int i = done; i < end; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    pool.Invoke(BenchmarkMethods.Echo, i);
                    invoke[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }

                for (int i = done; i < end; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    raw.RoundTrip(i);
                    pipe[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }
            }

            python.StandardInput.WriteLine("median");
            python.StandardInput.Flush();
            string line = python.StandardOutput.ReadLine() ?? throw new InvalidOperationException("python_pool.py gave no median");
            result = (double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture), Median(invoke), Median(pipe));
        });
        thread.Start();
        thread.Join();
        python.WaitForExit();
        return result;
    }

    internal static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The raw baseline: a child that echoes 16-byte messages from stdin to stdout (<c>pingpong-child</c>).</summary>
    private sealed class RawPingPong : IDisposable
    {
        private readonly Process _child;
        private readonly Stream _toChild;
        private readonly Stream _fromChild;
        private readonly byte[] _message = new byte[16];
        private readonly byte[] _reply = new byte[16];

        public RawPingPong()
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
            info.ArgumentList.Add(typeof(BenchmarkMethods).Assembly.Location);
            info.ArgumentList.Add("pingpong-child");
            _child = Process.Start(info)!;
            _toChild = _child.StandardInput.BaseStream;
            _fromChild = _child.StandardOutput.BaseStream;
        }

        private TaskCompletionSource? _pending;

        public void RoundTrip(int i)
        {
            BitConverter.TryWriteBytes(_message, i);
            _toChild.Write(_message);
            _fromChild.ReadExactly(_reply);
        }

        /// <summary>From now on replies are read by a thread of their own (see <see cref="RoundTripAsync"/>).</summary>
        public void StartReader() => new Thread(() =>
        {
            try
            {
                while (true)
                {
                    _fromChild.ReadExactly(_reply);
                    _pending!.SetResult();
                }
            }
            catch (EndOfStreamException)
            {
            }
        })
        { IsBackground = true }.Start();

        public Task RoundTripAsync(int i)
        {
            var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending = pending;
            BitConverter.TryWriteBytes(_message, i);
            _toChild.Write(_message);
            return pending.Task;
        }

        public void Dispose()
        {
            _toChild.Close();
            _child.WaitForExit();
            _child.Dispose();
        }
    }
}

/// <summary>The machine's load average, printed with every run (the figures mean little without it).</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
