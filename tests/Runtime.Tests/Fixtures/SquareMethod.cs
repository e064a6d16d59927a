using System.Runtime.CompilerServices;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Fixtures;

/// <summary>Hand-written [Parallel] registrations, as the generator emits them: Square(int), Pid(int), Print(int) and Hold(string).</summary>
internal static class SquareMethod
{
    public static readonly ParallelMethod<int, int> Square = new(
        "Forklift.Fixtures.SquareMethod.Square(int)", "Square", typeof(SquareMethod), Int32Codec.Instance, Int32Codec.Instance, (x, _) => ValueTask.FromResult(x * x));

    public static readonly ParallelMethod<int, int> Pid = new(
        "Forklift.Fixtures.SquareMethod.Pid(int)", "Pid", typeof(SquareMethod), Int32Codec.Instance, Int32Codec.Instance, (ms, _) =>
        {
            Thread.Sleep(ms);
            return ValueTask.FromResult(Environment.ProcessId);
        });

    /// <summary>Writes one line to the worker's standard output and one to its standard error; returns n.</summary>
    public static readonly ParallelMethod<int, int> Print = new(
        "Forklift.Fixtures.SquareMethod.Print(int)", "Print", typeof(SquareMethod), Int32Codec.Instance, Int32Codec.Instance, (n, _) =>
        {
            Console.Out.WriteLine($"WORKER-STDOUT {n}");
            Console.Error.WriteLine($"WORKER-STDERR {n}");
            return ValueTask.FromResult(n);
        });

    /// <summary>Creates &lt;dir&gt;/started, then waits until the test creates &lt;dir&gt;/release; returns the worker's pid.</summary>
    public static readonly ParallelMethod<string, int> Hold = new(
        "Forklift.Fixtures.SquareMethod.Hold(string)", "Hold", typeof(SquareMethod), StringCodec.Instance, Int32Codec.Instance, (dir, _) =>
        {
            File.WriteAllText(Path.Combine(dir, "started"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            while (!File.Exists(Path.Combine(dir, "release")))
            {
                Thread.Sleep(20);
            }

            return ValueTask.FromResult(Environment.ProcessId);
        });

    [ModuleInitializer]
    internal static void Register()
    {
        ParallelMethodRegistry.Register(Square);
        ParallelMethodRegistry.Register(Pid);
        ParallelMethodRegistry.Register(Print);
        ParallelMethodRegistry.Register(Hold);
    }

    private sealed class StringCodec : ParallelCodec<string>
    {
        public static readonly StringCodec Instance = new();

        public override void Write(ref PayloadWriter writer, string value) => writer.WriteString(value);

        public override string Read(ref PayloadReader reader) => reader.ReadString() ?? string.Empty;
    }

    private sealed class Int32Codec : ParallelCodec<int>
    {
        public static readonly Int32Codec Instance = new();

        public override void Write(ref PayloadWriter writer, int value) => writer.WriteInt32(value);

        public override int Read(ref PayloadReader reader) => reader.ReadInt32();
    }
}
