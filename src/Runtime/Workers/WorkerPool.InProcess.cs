using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Forklift.Buffers;
using Forklift.Dispatch;
using Forklift.Protocol;
using Forklift.Workers;

namespace Forklift;

/// <summary>
/// <see cref="WorkerPoolIsolation.InProcess"/>: calls run on the thread pool, at most <see cref="WorkerPoolOptions.Workers"/>
/// at a time, and otherwise behave as in worker processes, so tests run in-process predict production.
/// </summary>
/// <remarks>
/// Each call goes through the worker's entry point (<see cref="ParallelMethod.InvokeAsync"/>): its arguments are encoded
/// when it starts and decoded for the method, and its result is encoded and decoded back, so the method works on copies
/// (its changes never reach the caller's objects) and every codec runs as it would across processes. Exceptions are
/// described and rebuilt the way a worker's are (<see cref="RemoteExceptionFactory"/>); a map fails with its first
/// failure, named by input; unordered results are yielded as they complete. What a process gives and a thread cannot:
/// timeouts, memory limits and crash isolation.
/// </remarks>
public sealed partial class WorkerPool
{
    private async Task<TResult> InvokeInProcessAsync<TArgs, TResult>(
        ParallelMethod<TArgs, TResult> method,
        TArgs args,
        ProgressSink? progress,
        string? messagePrefix,
        CancellationToken cancellationToken)
    {
        await _inProcessSlots!.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Yield();
            using var arguments = new PooledBufferWriter();
            var writer = new PayloadWriter(arguments);
            method.Arguments.Write(ref writer, args);

            using var result = new PooledBufferWriter();
            try
            {
                await method.InvokeAsync(arguments.WrittenMemory, result, new LocalCallContext(cancellationToken, progress)).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // A worker reports a cancellation by the caller's token as a cancellation, anything else as an error.
                throw AsWorkerError(e, method.Name, messagePrefix);
            }

            var reader = new PayloadReader(result.WrittenSpan);
            TResult value = method.Result.Read(ref reader);
            return reader.Remaining == 0
                ? value
                : throw new InvalidDataException($"{reader.Remaining} unexpected bytes after the result of {method.Name}.");
        }
        finally
        {
            _inProcessSlots.Release();
        }
    }

    private async Task<TResult[]> MapInProcessAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs[] inputs, ProgressSink? progress, CancellationToken cancellationToken)
    {
        var results = new TResult[inputs.Length];
        await foreach ((int index, TResult result) in UnorderedInProcessAsync(method, inputs, progress, cancellationToken).ConfigureAwait(false))
        {
            results[index] = result;
        }

        return results;
    }

    private async IAsyncEnumerable<(int Index, TResult Result)> UnorderedInProcessAsync<TArgs, TResult>(
        ParallelMethod<TArgs, TResult> method,
        TArgs[] inputs,
        ProgressSink? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Cancelled when the caller stops early or an input fails: inputs still waiting for a slot are dropped.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completed = Channel.CreateUnbounded<Task<(int Index, TResult Result)>>();
        for (int i = 0; i < inputs.Length; i++)
        {
            _ = RunAsync(i).ContinueWith(
                static (task, channel) =>
                {
                    _ = task.Exception; // observed here; the first failure is rethrown below
                    ((Channel<Task<(int, TResult)>>)channel!).Writer.TryWrite(task);
                },
                completed,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        try
        {
            for (int received = 0; received < inputs.Length; received++)
            {
                Task<(int Index, TResult Result)> done = await completed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                yield return await done.ConfigureAwait(false);
            }
        }
        finally
        {
            stop.Cancel();
        }

        async Task<(int Index, TResult Result)> RunAsync(int index)
            => (index, await InvokeInProcessAsync(method, inputs[index], progress, $"Input {index}: ", stop.Token).ConfigureAwait(false));
    }

    /// <summary>The exception a worker would have reported for <paramref name="error"/>: described, then rebuilt.</summary>
    private static Exception AsWorkerError(Exception error, string methodName, string? messagePrefix)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new PayloadWriter(buffer);
        ErrorInfo.WriteChain(ref writer, error);
        var reader = new PayloadReader(buffer.WrittenSpan);
        return RemoteExceptionFactory.Create(ErrorInfo.ReadChain(ref reader), methodName, messagePrefix);
    }
}
