using System.Runtime.CompilerServices;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Fixtures;

/// <summary>A hand-written [Parallel] registration, as the generator emits it: Square(int) and Pid().</summary>
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

    [ModuleInitializer]
    internal static void Register()
    {
        ParallelMethodRegistry.Register(Square);
        ParallelMethodRegistry.Register(Pid);
    }

    private sealed class Int32Codec : ParallelCodec<int>
    {
        public static readonly Int32Codec Instance = new();

        public override void Write(ref PayloadWriter writer, int value) => writer.WriteInt32(value);

        public override int Read(ref PayloadReader reader) => reader.ReadInt32();
    }
}
