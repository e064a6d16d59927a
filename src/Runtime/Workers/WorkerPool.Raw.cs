using System.Buffers.Binary;
using Forklift.Buffers;
using Forklift.Dispatch;
using Forklift.Protocol;
using Forklift.Workers;

namespace Forklift;

/// <content>The raw-bytes entry: calls whose arguments and results stay encoded, for a node that runs calls for
/// another machine (Forklift.Orleans) and knows a method only by its id.</content>
public sealed partial class WorkerPool
{
    /// <summary>Runs one call whose arguments are already encoded with the method's argument codec.</summary>
    /// <param name="method">The method, typically found by id with <see cref="ParallelMethodRegistry.TryGet"/>.</param>
    /// <param name="arguments">The encoded arguments; must not change until the task completes.</param>
    /// <param name="progress">Receives the encoded progress reports.</param>
    /// <param name="timeout">The time the call may run once a worker has it, replacing the method's and the pool's
    /// timeout (a remote caller's remaining time to its deadline); <see langword="null"/> keeps those.</param>
    /// <param name="cancellationToken">Cancels the call, as for <see cref="InvokeAsync{TArgs, TResult}"/>.</param>
    /// <returns>The result encoded with the method's result codec. Faults are those of <see cref="IWorkerPool"/>;
    /// <see cref="CallErrorCodec"/> turns them into bytes and back.</returns>
    public Task<byte[]> InvokeRawAsync(ParallelMethod method, ReadOnlyMemory<byte> arguments, ProgressSink? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<byte[]>(cancellationToken);
        }

        if (_inProcessSlots is not null)
        {
            return InvokeRawInProcessAsync(method, arguments, progress, cancellationToken);
        }

        var call = new RawCall(method, arguments, progress, cancellationToken) { TimeoutOverride = timeout };
        Submit(call);
        return call.Task;
    }

    /// <summary>Runs a map chunk in Forklift's batch format (a varuint count, then each input's encoded arguments
    /// prefixed by their int32 little-endian length) on one worker.</summary>
    /// <param name="method">The method.</param>
    /// <param name="batch">The encoded batch; must not change until the task completes.</param>
    /// <param name="firstIndex">The index of the batch's first item in the caller's whole map, for error messages.</param>
    /// <param name="progress">Receives the encoded progress reports of every item.</param>
    /// <param name="timeout">Each input's time limit once a worker has the batch, replacing the method's and the pool's
    /// timeout (a remote caller's limit, renewed per input as for <see cref="MapAsync{TArgs, TResult}"/>);
    /// <see langword="null"/> keeps those.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The results in the same batch format. A failing item fails the batch with a <see cref="RemoteException"/>
    /// whose message starts with "Input <i>n</i>:", <i>n</i> counted from <paramref name="firstIndex"/>.</returns>
    public Task<byte[]> MapRawAsync(ParallelMethod method, ReadOnlyMemory<byte> batch, int firstIndex = 0, ProgressSink? progress = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var header = new PayloadReader(batch.Span);
        int count = checked((int)header.ReadVarUInt32());
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<byte[]>(cancellationToken);
        }

        if (_inProcessSlots is not null)
        {
            return MapRawInProcessAsync(method, batch, count, firstIndex, progress, cancellationToken);
        }

        var call = new RawBatchCall(method, batch, firstIndex, progress, cancellationToken) { ItemTimeout = timeout };
        Submit(call);
        return call.Task;
    }

    private async Task<byte[]> InvokeRawInProcessAsync(ParallelMethod method, ReadOnlyMemory<byte> arguments, ProgressSink? progress, CancellationToken cancellationToken)
    {
        await _inProcessSlots!.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Yield();
            using var result = new PooledBufferWriter();
            await method.InvokeAsync(arguments, result, new LocalCallContext(cancellationToken, progress)).ConfigureAwait(false);
            return result.WrittenSpan.ToArray();
        }
        finally
        {
            _inProcessSlots.Release();
        }
    }

    private async Task<byte[]> MapRawInProcessAsync(ParallelMethod method, ReadOnlyMemory<byte> batch, int count, int firstIndex, ProgressSink? progress, CancellationToken cancellationToken)
    {
        int position = BatchItemsStart(batch.Span);
        using var results = new PooledBufferWriter();
        WriteCount(results, count);
        for (int i = 0; i < count; i++)
        {
            int length = BinaryPrimitives.ReadInt32LittleEndian(batch.Span.Slice(position, 4));
            ReadOnlyMemory<byte> item = batch.Slice(position + 4, length);
            position += 4 + length;
            byte[] result;
            try
            {
                result = await InvokeRawInProcessAsync(method, item, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new RemoteException(e.GetType().FullName ?? e.GetType().Name, $"Input {firstIndex + i}: {e.Message}", e.StackTrace) { MethodName = method.Name };
            }

            results.PatchInt32(results.Reserve(4), result.Length);
            results.Write(result);
        }

        return results.WrittenSpan.ToArray();

        static int BatchItemsStart(ReadOnlySpan<byte> batch)
        {
            var reader = new PayloadReader(batch);
            reader.ReadVarUInt32();
            return batch.Length - reader.Remaining;
        }

        static void WriteCount(PooledBufferWriter buffer, int count)
        {
            var writer = new PayloadWriter(buffer);
            writer.WriteVarUInt32((uint)count);
        }
    }
}
