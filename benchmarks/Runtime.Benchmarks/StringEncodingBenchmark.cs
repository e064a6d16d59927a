using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Forklift.Protocol;

namespace Forklift.Runtime.Benchmarks;

/// <summary>
/// The payload string encoding (UTF-8 that keeps lone surrogates, <see cref="Wtf8"/>) against the strict UTF-8 it
/// replaced, on ordinary strings, measured side by side in alternating rounds. Run: <c>dotnet run -c Release
/// --project benchmarks/Runtime.Benchmarks -- strings</c>.
/// </summary>
internal static class StringEncodingBenchmark
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Run()
    {
        Console.WriteLine($"String encoding, load average {LoadAverage()}: ns per string (write + read), median of 7 alternating rounds");
        foreach ((string name, string value) in new[]
        {
            ("ASCII, 16 chars", new string('a', 16)),
            ("ASCII, 1 KiB", new string('a', 1024)),
            ("Latin-1 and emoji, 1 KiB", string.Concat(Enumerable.Repeat("héllo 🚚 ", 100))),
        })
        {
            int iterations = 20_000_000 / (value.Length + 16);
            var before = new List<double>();
            var after = new List<double>();
            var buffer = new ArrayBufferWriter<byte>(8192);
            for (int round = 0; round < 7; round++)
            {
                before.Add(Measure(iterations, () => StrictUtf8RoundTrip(buffer, value)));
                after.Add(Measure(iterations, () => PayloadRoundTrip(buffer, value)));
            }

            double b = Median(before);
            double a = Median(after);
            Console.WriteLine($"  {name,-26} strict UTF-8 {b,8:F1}   payload (WTF-8) {a,8:F1}   ratio {a / b:F2}");
        }

        Console.WriteLine($"  load average after: {LoadAverage()}");
    }

    // What PayloadWriter.WriteString and PayloadReader.ReadString did before: the same length prefix, strict UTF-8.
    private static int StrictUtf8RoundTrip(ArrayBufferWriter<byte> buffer, string value)
    {
        buffer.ResetWrittenCount();
        var writer = new PayloadWriter(buffer);
        int count = Encoding.UTF8.GetByteCount(value);
        writer.WriteNullableLength(count);
        int written = Encoding.UTF8.GetBytes(value, buffer.GetSpan(count));
        buffer.Advance(written);
        var reader = new PayloadReader(buffer.WrittenSpan);
        return StrictUtf8.GetString(reader.ReadBytesSpan()).Length;
    }

    private static int PayloadRoundTrip(ArrayBufferWriter<byte> buffer, string value)
    {
        buffer.ResetWrittenCount();
        var writer = new PayloadWriter(buffer);
        writer.WriteString(value);
        var reader = new PayloadReader(buffer.WrittenSpan);
        return reader.ReadString()!.Length;
    }

    private static double Measure(int iterations, Func<int> body)
    {
        long sink = 0;
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            sink += body();
        }

        watch.Stop();
        GC.KeepAlive(sink);
        return watch.Elapsed.TotalMilliseconds * 1_000_000 / iterations;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string LoadAverage()
        => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
