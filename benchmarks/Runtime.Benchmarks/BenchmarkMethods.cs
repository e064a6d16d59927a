using System.Diagnostics;
using System.Runtime.CompilerServices;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Runtime.Benchmarks;

/// <summary>Hand-written [Parallel] registrations (what the generator emits) for the benchmark.</summary>
internal static class BenchmarkMethods
{
    public static readonly ParallelMethod<int, int> Echo = new(
        "Forklift.Runtime.Benchmarks.BenchmarkMethods.Echo(int)", "Echo", typeof(BenchmarkMethods), Int32Codec.Instance, Int32Codec.Instance, (x, _) => ValueTask.FromResult(x));

    public static readonly ParallelMethod<int, int> Pid = new(
        "Forklift.Runtime.Benchmarks.BenchmarkMethods.Pid(int)", "Pid", typeof(BenchmarkMethods), Int32Codec.Instance, Int32Codec.Instance, (ms, _) =>
        {
            Thread.Sleep(ms);
            return ValueTask.FromResult(Environment.ProcessId);
        });

    /// <summary>About <c>ms</c> milliseconds of arithmetic; one input per request (ChunkSize = 1) so work spreads evenly.</summary>
    public static readonly ParallelMethod<int, int> Spin = new(
        "Forklift.Runtime.Benchmarks.BenchmarkMethods.Spin(int)", "Spin", typeof(BenchmarkMethods), Int32Codec.Instance, Int32Codec.Instance, (n, _) => ValueTask.FromResult(SpinWork(n)), new ParallelMethodOptions { ChunkSize = 1 });

    /// <summary>Busy for the given number of microseconds (a short call for <see cref="BurstBenchmark"/>).</summary>
    public static readonly ParallelMethod<int, int> SpinMicroseconds = new(
        "Forklift.Runtime.Benchmarks.BenchmarkMethods.SpinMicroseconds(int)", "SpinMicroseconds", typeof(BenchmarkMethods), Int32Codec.Instance, Int32Codec.Instance, (microseconds, _) =>
        {
            long end = Stopwatch.GetTimestamp() + (microseconds * Stopwatch.Frequency / 1_000_000);
            while (Stopwatch.GetTimestamp() < end)
            {
                Thread.SpinWait(10);
            }

            return ValueTask.FromResult(microseconds);
        });

    [ModuleInitializer]
    internal static void Register()
    {
        ParallelMethodRegistry.Register(SpinMicroseconds);
        ParallelMethodRegistry.Register(Echo);
        ParallelMethodRegistry.Register(Pid);
        ParallelMethodRegistry.Register(Spin);
        ParallelMethodRegistry.Register(PayloadBenchmark.Echo);
    }

    /// <summary>A fixed amount of arithmetic (the same in both processes), calibrated by the caller to ~50 ms.</summary>
    /// <remarks>Fully optimized from the first call in every process, so tiering does not favour either side.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SpinWork(int iterations)
    {
        uint x = 2166136261;
        for (int i = 0; i < iterations; i++)
        {
            x = (x ^ (uint)i) * 16777619;
        }

        return (int)x;
    }

    public static int Calibrate(TimeSpan target)
    {
        int iterations = 1_000_000;
        while (true)
        {
            var watch = Stopwatch.StartNew();
            SpinWork(iterations);
            if (watch.Elapsed >= TimeSpan.FromMilliseconds(10))
            {
                return (int)(iterations * (target.TotalMilliseconds / watch.Elapsed.TotalMilliseconds));
            }

            iterations *= 2;
        }
    }

    /// <summary>As the generator emits for <c>int</c>: blittable, so a map's chunk of ints is copied as one block.</summary>
    private sealed class Int32Codec : ParallelCodec<int>
    {
        public static readonly Int32Codec Instance = new();

        public override bool IsBlittable => true;

        public override void Write(ref PayloadWriter writer, int value) => writer.WriteInt32(value);

        public override int Read(ref PayloadReader reader) => reader.ReadInt32();
    }

    /// <summary>The same encoding, one value at a time (what every map used before the block copy): the map benchmark
    /// times both in one run.</summary>
    internal sealed class PerValueInt32Codec : ParallelCodec<int>
    {
        public static readonly PerValueInt32Codec Instance = new();

        public override void Write(ref PayloadWriter writer, int value) => writer.WriteInt32(value);

        public override int Read(ref PayloadReader reader) => reader.ReadInt32();
    }
}
