using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Runtime.Tests;

/// <summary>A struct of mixed field sizes, so its layout has padding between and after the fields.</summary>
[StructLayout(LayoutKind.Auto)]
public struct MixedSample
{
    public byte Flag;
    public long Ticks;
    public short Small;
    public bool On;
    public double Value;
    public char Letter;
}

/// <summary>The methods the block-copy tests run in workers (registered like <see cref="TestMethods"/>). Their codecs
/// say <see cref="ParallelCodec{T}.IsBlittable"/>, as the generator's do for unmanaged types; the block-only ones
/// throw if a value goes through them one at a time, so a map that succeeds with them took the block path.</summary>
internal static class BlockCopyMethods
{
    public static readonly ParallelMethod<MixedSample, MixedSample> EchoSample = Define<MixedSample, MixedSample>(
        "EchoSample(MixedSample)", new BlockOnlyCodec<MixedSample>(), new BlockOnlyCodec<MixedSample>(), (x, _) => ValueTask.FromResult(x));

    public static readonly ParallelMethod<double, double> EchoDouble = Define<double, double>(
        "EchoDouble(double)", new BlockOnlyCodec<double>(), new BlockOnlyCodec<double>(), (x, _) => ValueTask.FromResult(x));

    /// <summary>Mixes both fields of the tuple into the result, so a misplaced or truncated field changes it.</summary>
    public static readonly ParallelMethod<(long, int), long> Combine = Define<(long, int), long>(
        "Combine(long, int)", new BlockOnlyCodec<(long, int)>(), new BlockOnlyCodec<long>(), (x, _) => ValueTask.FromResult(~x.Item1 ^ x.Item2));

    public static readonly ParallelMethod<long, long> FailOnSeven = Define<long, long>(
        "FailOnSeven(long)", new BlockOnlyCodec<long>(), new BlockOnlyCodec<long>(), (x, _) => x == 7 ? throw new InvalidOperationException($"refused {x}") : ValueTask.FromResult(x));

    /// <summary>Inputs as a block; results one by one through a per-value codec, as an unordered map streams them.</summary>
    public static readonly ParallelMethod<MixedSample, MixedSample> EchoSampleStreamed = Define<MixedSample, MixedSample>(
        "EchoSampleStreamed(MixedSample)", new BlockOnlyCodec<MixedSample>(), new MixedSampleCodec(), (x, _) => ValueTask.FromResult(x));

    /// <summary>Sleeps the milliseconds in the input, then returns it.</summary>
    public static readonly ParallelMethod<int, int> Nap = Define<int, int>(
        "Nap(int)", new BlockOnlyCodec<int>(), new BlockOnlyCodec<int>(), (ms, _) =>
        {
            Thread.Sleep(ms);
            return ValueTask.FromResult(ms);
        });

    [ModuleInitializer]
    internal static void Register()
    {
        foreach (ParallelMethod method in new ParallelMethod[] { EchoSample, EchoDouble, Combine, FailOnSeven, EchoSampleStreamed, Nap })
        {
            ParallelMethodRegistry.Register(method);
        }
    }

    public static ParallelMethod<TArgs, TResult> WithOptions<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, ParallelMethodOptions options)
        => new(method.Id, method.Name, method.DeclaringType, method.Arguments, method.Result, (_, _) => throw new InvalidOperationException("runs in a worker"), options);

    private static ParallelMethod<TArgs, TResult> Define<TArgs, TResult>(string signature, ParallelCodec<TArgs> args, ParallelCodec<TResult> result, Func<TArgs, WorkerCallContext, ValueTask<TResult>> invoke)
        => new($"Forklift.Runtime.Tests.BlockCopyMethods.{signature}", signature[..signature.IndexOf('(')], typeof(BlockCopyMethods), args, result, invoke);

    /// <summary>Blittable, and refuses to encode or decode one value at a time.</summary>
    private sealed class BlockOnlyCodec<T> : ParallelCodec<T>
    {
        public override bool IsBlittable => true;

        public override void Write(ref PayloadWriter writer, T value) => throw new InvalidOperationException($"A {typeof(T).Name} went through its codec, not a block copy.");

        public override T Read(ref PayloadReader reader) => throw new InvalidOperationException($"A {typeof(T).Name} went through its codec, not a block copy.");
    }

    /// <summary>What the generator would write for <see cref="MixedSample"/>: field by field.</summary>
    private sealed class MixedSampleCodec : ParallelCodec<MixedSample>
    {
        public override bool IsBlittable => true;

        public override void Write(ref PayloadWriter writer, MixedSample value)
        {
            writer.WriteByte(value.Flag);
            writer.WriteInt64(value.Ticks);
            writer.WriteInt16(value.Small);
            writer.WriteBoolean(value.On);
            writer.WriteDouble(value.Value);
            writer.WriteChar(value.Letter);
        }

        public override MixedSample Read(ref PayloadReader reader) => new()
        {
            Flag = reader.ReadByte(),
            Ticks = reader.ReadInt64(),
            Small = reader.ReadInt16(),
            On = reader.ReadBoolean(),
            Value = reader.ReadDouble(),
            Letter = reader.ReadChar(),
        };
    }
}
