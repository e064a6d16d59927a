using System.Diagnostics;
using System.Globalization;

namespace Forklift.Runtime.Benchmarks;

/// <summary>
/// The trivial round trip (<c>await pool.InvokeAsync(Echo, i)</c>, one warm worker) against a raw ping-pong of 16
/// bytes over stdin/stdout pipes between two .NET processes, and against Python's <c>apply_async(f).get()</c>.
/// </summary>
/// <remarks>
/// The raw child and the pool stay up for the whole run and the two alternate in blocks of 500 round trips, so both
/// see the same load: on a shared machine the raw figure alone moves between 4 and 8 µs from one minute to the next.
/// Run: <c>dotnet run -c Release --project benchmarks/Runtime.Benchmarks -- roundtrip [round trips]</c>.
/// </remarks>
internal static class RoundTripBenchmark
{
    private const int Block = 500;

    public static async Task<(double Forklift, double Raw)> MeasureAsync(WorkerPool pool, int count)
    {
        using var raw = new RawPingPong();
        for (int i = 0; i < 2000; i++)
        {
            await pool.InvokeAsync(BenchmarkMethods.Echo, i);
            raw.RoundTrip(i);
        }

        double[] forklift = new double[count];
        double[] pipe = new double[count];
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
                int back = await pool.InvokeAsync(BenchmarkMethods.Echo, i);
                forklift[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                if (back != i)
                {
                    throw new InvalidOperationException("wrong echo");
                }
            }
        }

        return (Median(forklift), Median(pipe));
    }

    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"Load average at start: {LoadAverage.Read()}");
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        await pool.WarmUpAsync();
        for (int round = 0; round < 3; round++)
        {
            (double forklift, double raw) = await MeasureAsync(pool, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Round trip, median of {count:N0} (interleaved): Forklift {forklift:F2} µs vs raw pipe ping-pong {raw:F2} µs  (ratio {forklift / raw:F2}×)"));
        }

        Console.WriteLine($"Load average at end: {LoadAverage.Read()}");
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

        public void RoundTrip(int i)
        {
            BitConverter.TryWriteBytes(_message, i);
            _toChild.Write(_message);
            _fromChild.ReadExactly(_reply);
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
