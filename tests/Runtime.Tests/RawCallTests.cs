using System.Buffers;
using System.Buffers.Binary;
using Forklift.Dispatch;
using Forklift.Protocol;

namespace Forklift.Runtime.Tests;

/// <summary>The raw-bytes entry a cluster node uses (encoded arguments in, encoded result out, errors as exceptions
/// that <see cref="CallErrorCodec"/> turns into bytes and back), on real worker processes.</summary>
public sealed class RawCallTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly WorkerPool _pool = new(new WorkerPoolOptions { Workers = 2 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pool.DisposeAsync();

    [Fact]
    public async Task InvokeRawAsync_returns_the_result_codecs_bytes()
    {
        byte[] result = await _pool.InvokeRawAsync(TestMethods.Add, Encode(TestMethods.Add, (40, 2))).WaitAsync(Wait);

        Assert.Equal(42, Decode(TestMethods.Add, result));
    }

    [Fact]
    public async Task MapRawAsync_answers_a_batch_in_the_batch_format_and_names_a_failing_input_by_its_map_index()
    {
        byte[] batch = Batch(TestMethods.Echo, [5, 6, 7]);

        byte[] results = await _pool.MapRawAsync(TestMethods.Echo, batch).WaitAsync(Wait);
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => _pool.MapRawAsync(TestMethods.FailOnSeven, Batch(TestMethods.FailOnSeven, [5, 6, 7]), firstIndex: 100)).WaitAsync(Wait);

        Assert.Equal([5, 6, 7], Unbatch(TestMethods.Echo, results));
        Assert.StartsWith("Input 102:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_call_gets_its_own_time_limit()
    {
        WorkerTimeoutException error = await Assert.ThrowsAsync<WorkerTimeoutException>(
            () => _pool.InvokeRawAsync(TestMethods.Sleep, Encode(TestMethods.Sleep, 30_000), timeout: TimeSpan.FromMilliseconds(300))).WaitAsync(Wait);

        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Timeout);
    }

    [Fact]
    public async Task The_error_codec_rebuilds_what_the_pool_threw()
    {
        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => _pool.InvokeRawAsync(TestMethods.Throw, Encode(TestMethods.Throw, "bad"))).WaitAsync(Wait);
        WorkerCrashedException crashed = await Assert.ThrowsAsync<WorkerCrashedException>(() => _pool.InvokeRawAsync(TestMethods.Exit, Encode(TestMethods.Exit, 42))).WaitAsync(Wait);

        Exception thrownAgain = CallErrorCodec.Decode(CallErrorCodec.Encode(thrown));
        var crashedAgain = Assert.IsType<WorkerCrashedException>(CallErrorCodec.Decode(CallErrorCodec.Encode(crashed)));
        var timeout = Assert.IsType<WorkerTimeoutException>(CallErrorCodec.Decode(CallErrorCodec.Encode(new WorkerTimeoutException("late") { MethodName = "M", Timeout = TimeSpan.FromSeconds(3) })));
        Exception plain = CallErrorCodec.Decode(CallErrorCodec.Encode(new FormatException("outer", new ArgumentException("inner"))));

        Assert.IsType<InvalidOperationException>(thrown);
        Assert.Equal(Shape(thrown), Shape(thrownAgain));
        Assert.Equal((crashed.ExitCode, crashed.ProcessId, crashed.MethodName, crashed.Message), (crashedAgain.ExitCode, crashedAgain.ProcessId, crashedAgain.MethodName, crashedAgain.Message));
        Assert.Equal(("late", "M", TimeSpan.FromSeconds(3)), (timeout.Message, timeout.MethodName, timeout.Timeout));
        Assert.Equal("outer", plain.Message);
        Assert.Contains("System.ArgumentException", Shape(plain), StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(CallErrorCodec.Decode(CallErrorCodec.Encode(new OperationCanceledException())));
    }

    private static string Shape(Exception? exception)
    {
        var text = new System.Text.StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text.Append(e.GetType().FullName).Append(e is RemoteException r ? $"({r.RemoteType}, {r.RemoteStackTrace?.Length > 0})" : string.Empty).Append(": ").Append(e.Message).Append(" > ");
        }

        return text.ToString();
    }

    private static byte[] Encode<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new PayloadWriter(buffer);
        method.Arguments.Write(ref writer, args);
        return buffer.WrittenSpan.ToArray();
    }

    private static TResult Decode<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, byte[] payload)
    {
        var reader = new PayloadReader(payload);
        return method.Result.Read(ref reader);
    }

    private static byte[] Batch<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs[] inputs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new PayloadWriter(buffer);
        writer.WriteVarUInt32((uint)inputs.Length);
        foreach (TArgs input in inputs)
        {
            byte[] item = Encode(method, input);
            byte[] length = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, item.Length);
            buffer.Write(length);
            buffer.Write(item);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static TResult[] Unbatch<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, byte[] payload)
    {
        var header = new PayloadReader(payload);
        var results = new TResult[header.ReadVarUInt32()];
        int position = payload.Length - header.Remaining;
        for (int i = 0; i < results.Length; i++)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(position, 4));
            results[i] = Decode(method, payload[(position + 4)..(position + 4 + length)]);
            position += 4 + length;
        }

        return results;
    }
}
