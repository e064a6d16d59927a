using System.Diagnostics;
using System.Runtime.CompilerServices;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Runtime.Tests;

/// <summary>The methods the shared-memory tests run in workers (registered like <see cref="TestMethods"/>).</summary>
internal static class SharedMemoryMethods
{
    /// <summary>A first byte that makes <see cref="DyingBytesCodec"/> kill its process after writing the bytes.</summary>
    public const byte DieWhileWriting = 0xDD;

    public static readonly ParallelCodec<byte[]?> Bytes = new ByteArrayCodec();

    public static readonly ParallelMethod<byte[]?, byte[]?> Echo = Define<byte[]?, byte[]?>("EchoBytes(byte[])", Bytes, Bytes, (bytes, _) => ValueTask.FromResult(bytes));

    /// <summary>Echoes, but the result's codec SIGKILLs the worker once it has written a value starting with
    /// <see cref="DieWhileWriting"/>: the result is then in a shared-memory segment nobody was told about.</summary>
    public static readonly ParallelMethod<byte[]?, byte[]?> EchoThenDie = Define<byte[]?, byte[]?>("EchoThenDie(byte[])", Bytes, new DyingBytesCodec(), (bytes, _) => ValueTask.FromResult(bytes));

    /// <summary>Reports the worker's pid as progress, then sleeps the milliseconds in the first four bytes.</summary>
    public static readonly ParallelMethod<byte[]?, int> HoldBytes = Define<byte[]?, int>("HoldBytes(byte[], IProgress<int>)", Bytes, TestCodecs.Int32, (bytes, context) =>
    {
        context.CreateProgress(TestCodecs.Int32).Report(Environment.ProcessId);
        Thread.Sleep(BitConverter.ToInt32(bytes!, 0));
        return ValueTask.FromResult(bytes!.Length);
    });

    /// <summary>Echoes; its argument codec, when encoding in the parent, first waits for <see cref="GatedCodec.Gate"/>.</summary>
    public static readonly ParallelMethod<byte[]?, byte[]?> GatedEcho = Define<byte[]?, byte[]?>("GatedEcho(byte[])", new GatedCodec(), Bytes, (bytes, _) => ValueTask.FromResult(bytes));

    /// <summary>Echoes; its argument codec records the thread that encoded the last argument in the parent.</summary>
    public static readonly ParallelMethod<byte[]?, byte[]?> RecordedEcho = Define<byte[]?, byte[]?>("RecordedEcho(byte[])", new ThreadRecordingCodec(), Bytes, (bytes, _) => ValueTask.FromResult(bytes));

    /// <summary>Echoes; its argument codec throws, after writing the bytes, when the first one is <see cref="FailEncoding"/>.</summary>
    public static readonly ParallelMethod<byte[]?, byte[]?> FailingEcho = Define<byte[]?, byte[]?>("FailingEcho(byte[])", new FailingCodec(), Bytes, (bytes, _) => ValueTask.FromResult(bytes));

    /// <summary>The bytes the worker's managed heap holds (<see cref="GC.GetTotalMemory(bool)"/>, without collecting).</summary>
    public static readonly ParallelMethod<Unit, long> HeapBytes = Define<Unit, long>("HeapBytes()", TestCodecs.Unit, TestCodecs.Int64, (_, _) => ValueTask.FromResult(GC.GetTotalMemory(forceFullCollection: false)));

    /// <summary>A setting the worker's GC runs with (<see cref="GC.GetConfigurationVariables"/>), as text, or
    /// <see langword="null"/> if it reports none by that name.</summary>
    public static readonly ParallelMethod<string?, string?> GcSetting = Define<string?, string?>("GcSetting(string)", TestCodecs.String, TestCodecs.String, (name, _) =>
        ValueTask.FromResult(GC.GetConfigurationVariables().TryGetValue(name!, out object? value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null));

    /// <summary>A first byte that makes <see cref="FailingCodec"/> throw.</summary>
    public const byte FailEncoding = 0xEE;

    [ModuleInitializer]
    internal static void Register()
    {
        foreach (ParallelMethod method in new ParallelMethod[] { Echo, EchoThenDie, HoldBytes, GatedEcho, RecordedEcho, FailingEcho, HeapBytes, GcSetting })
        {
            ParallelMethodRegistry.Register(method);
        }
    }

    private static ParallelMethod<TArgs, TResult> Define<TArgs, TResult>(string signature, ParallelCodec<TArgs> args, ParallelCodec<TResult> result, Func<TArgs, WorkerCallContext, ValueTask<TResult>> invoke)
        => new($"Forklift.Runtime.Tests.SharedMemoryMethods.{signature}", signature[..signature.IndexOf('(')], typeof(SharedMemoryMethods), args, result, invoke);

    public class ByteArrayCodec : ParallelCodec<byte[]?>
    {
        public override void Write(ref PayloadWriter writer, byte[]? value) => writer.WriteByteArray(value);

        public override byte[]? Read(ref PayloadReader reader) => reader.ReadByteArray();
    }

    /// <summary>Encoding writes a block larger than the arguments the pool encodes on the caller's thread
    /// (<c>PendingCall.InlineArgumentsLimit</c>), then waits (at most a minute) until the test opens <see cref="Gate"/>,
    /// and records whether it was opened in time and on which thread the encoding finished.</summary>
    public sealed class GatedCodec : ByteArrayCodec
    {
        public static readonly ManualResetEventSlim Gate = new();

        private static readonly byte[] Block = new byte[64 * 1024];

        public static bool OpenedInTime { get; private set; }

        public static int EncodingThread { get; private set; }

        public override void Write(ref PayloadWriter writer, byte[]? value)
        {
            writer.WriteBytes(Block);
            EncodingThread = Environment.CurrentManagedThreadId;
            OpenedInTime = Gate.Wait(TimeSpan.FromSeconds(60));
            base.Write(ref writer, value);
        }

        public override byte[]? Read(ref PayloadReader reader)
        {
            _ = reader.ReadBytesSpan();
            return base.Read(ref reader);
        }
    }

    public sealed class ThreadRecordingCodec : ByteArrayCodec
    {
        public static int EncodingThread { get; private set; }

        public override void Write(ref PayloadWriter writer, byte[]? value)
        {
            EncodingThread = Environment.CurrentManagedThreadId;
            base.Write(ref writer, value);
        }
    }

    public sealed class FailingCodec : ByteArrayCodec
    {
        public override void Write(ref PayloadWriter writer, byte[]? value)
        {
            base.Write(ref writer, value);
            if (value is [FailEncoding, ..])
            {
                throw new FormatException($"refused {value.Length} bytes");
            }
        }
    }

    private sealed class DyingBytesCodec : ByteArrayCodec
    {
        public override void Write(ref PayloadWriter writer, byte[]? value)
        {
            base.Write(ref writer, value);
            if (value is [DieWhileWriting, ..])
            {
                Process.GetCurrentProcess().Kill();
                Thread.Sleep(Timeout.Infinite);
            }
        }
    }
}
