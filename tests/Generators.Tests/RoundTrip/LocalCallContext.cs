using System.Buffers;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Generators.Tests.RoundTrip;

/// <summary>
/// A worker-side call context in this process: progress reports are encoded with the generated codec and handed to
/// the caller-side <see cref="ProgressSink"/>, as the pool does across processes.
/// </summary>
internal sealed class LocalCallContext(CancellationToken cancellationToken, ProgressSink? sink = null) : WorkerCallContext
{
    public override CancellationToken CancellationToken => cancellationToken;

    public override IProgress<T> CreateProgress<T>(ParallelCodec<T> codec) => new EncodingProgress<T>(codec, sink);

    private sealed class EncodingProgress<T>(ParallelCodec<T> codec, ProgressSink? sink) : IProgress<T>
    {
        public void Report(T value)
        {
            var buffer = new ArrayBufferWriter<byte>();
            var writer = new PayloadWriter(buffer);
            codec.Write(ref writer, value);
            sink?.Report(buffer.WrittenSpan);
        }
    }
}

/// <summary>Runs a descriptor the way a worker does: encode the arguments, invoke, decode the result.</summary>
internal static class WorkerRoundTrip
{
    public static async Task<TResult> InvokeAsync<TArgs, TResult>(
        ParallelMethod<TArgs, TResult> method,
        TArgs args,
        ProgressSink? sink = null,
        CancellationToken cancellationToken = default)
    {
        ReadOnlyMemory<byte> encoded = Encode(method.Arguments, args);
        var result = new ArrayBufferWriter<byte>();
        await method.InvokeAsync(encoded, result, new LocalCallContext(cancellationToken, sink));
        return Decode(method.Result, result.WrittenSpan);
    }

    public static ReadOnlyMemory<byte> Encode<T>(ParallelCodec<T> codec, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new PayloadWriter(buffer);
        codec.Write(ref writer, value);
        return buffer.WrittenMemory;
    }

    public static T Decode<T>(ParallelCodec<T> codec, ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        T value = codec.Read(ref reader);
        Assert.Equal(0, reader.Remaining);
        return value;
    }
}
