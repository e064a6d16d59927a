using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Runtime.Tests;

/// <summary>Hand-written codecs, as the generator would emit them.</summary>
internal static class TestCodecs
{
    public static readonly ParallelCodec<int> Int32 = new Int32Codec();
    public static readonly ParallelCodec<long> Int64 = new Int64Codec();
    public static readonly ParallelCodec<string?> String = new StringCodec();
    public static readonly ParallelCodec<Unit> Unit = new UnitCodec();
    public static readonly ParallelCodec<(int, int)> Int32Pair = new Int32PairCodec();

    private sealed class Int32Codec : ParallelCodec<int>
    {
        public override void Write(ref PayloadWriter writer, int value) => writer.WriteInt32(value);

        public override int Read(ref PayloadReader reader) => reader.ReadInt32();
    }

    private sealed class Int64Codec : ParallelCodec<long>
    {
        public override void Write(ref PayloadWriter writer, long value) => writer.WriteInt64(value);

        public override long Read(ref PayloadReader reader) => reader.ReadInt64();
    }

    private sealed class StringCodec : ParallelCodec<string?>
    {
        public override void Write(ref PayloadWriter writer, string? value) => writer.WriteString(value);

        public override string? Read(ref PayloadReader reader) => reader.ReadString();
    }

    private sealed class UnitCodec : ParallelCodec<Unit>
    {
        public override void Write(ref PayloadWriter writer, Unit value)
        {
        }

        public override Unit Read(ref PayloadReader reader) => default;
    }

    private sealed class Int32PairCodec : ParallelCodec<(int, int)>
    {
        public override void Write(ref PayloadWriter writer, (int, int) value)
        {
            writer.WriteInt32(value.Item1);
            writer.WriteInt32(value.Item2);
        }

        public override (int, int) Read(ref PayloadReader reader) => (reader.ReadInt32(), reader.ReadInt32());
    }
}
