using System.Diagnostics;
using System.Globalization;
using Forklift.Buffers;

namespace Forklift.Runtime.Benchmarks;

/// <summary>
/// One large copy as each of the four copies of a large echo makes it (<see cref="NonTemporalCopy.Copy(ReadOnlySpan{byte}, Span{byte})"/>: above
/// <see cref="NonTemporalCopy.ParallelThreshold"/> on two threads), against the same streaming copy on one thread and
/// against <see cref="Span{T}.CopyTo(Span{T})"/> (glibc's <c>memmove</c>), all into memory already faulted in,
/// alternating, so they see the same load.
/// </summary>
/// <remarks>Whether a large copy goes faster on both cores: only if one thread does not already move as much as the
/// memory can (docs/benchmarks.md, "256 MB echo: where the time goes").
/// Run: <c>dotnet run -c Release --project benchmarks/Runtime.Benchmarks -- copy [MB] [runs]</c>.</remarks>
internal static class CopyBenchmark
{
    public static void Run(int megabytes, int runs)
    {
        byte[] source = GC.AllocateUninitializedArray<byte>(megabytes << 20);
        new Random(1).NextBytes(source);
        byte[] destination = new byte[source.Length];
        destination.AsSpan().Fill(1);
        var one = new List<double>();
        var two = new List<double>();
        var glibc = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            // One thread: the same streaming copy without the thread pool's help.
            long start = Stopwatch.GetTimestamp();
            NonTemporalCopy.Copy(source, destination, shareWithThreadPool: false);
            one.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

            // As a large value is copied: above the threshold, the calling thread and a thread-pool thread together.
            start = Stopwatch.GetTimestamp();
            NonTemporalCopy.Copy(source, destination);
            two.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

            start = Stopwatch.GetTimestamp();
            source.AsSpan().CopyTo(destination);
            glibc.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        one.Sort();
        two.Sort();
        glibc.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{megabytes} MB, medians of {runs}: streaming copy on one thread {one[runs / 2]:F1} ms ({source.Length / one[runs / 2] / 1e6:F1} GB/s) | NonTemporalCopy.Copy {two[runs / 2]:F1} ms ({source.Length / two[runs / 2] / 1e6:F1} GB/s) | Span.CopyTo {glibc[runs / 2]:F1} ms | load average {LoadAverage.Read()}"));
    }
}
