using System.Diagnostics;
using Forklift.Dispatch;
using Forklift.Protocol;
using Forklift.Workers;

namespace Forklift;

/// <content>What workers send back and how a call ends: responses, progress, and the once-only completion with its bookkeeping.</content>
public sealed partial class WorkerPool
{
    /// <summary>A worker answered its current call: complete it, then give the worker the next one.</summary>
    internal void OnResponse(WorkerProcess worker, ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        long id = reader.ReadInt64();
        var status = (ResponseStatus)reader.ReadByte();
        long workingSet = reader.ReadInt64();
        PendingCall? call = worker.Current;
        if (call is null || call.RequestId != id)
        {
            throw new InvalidDataException($"The worker answered request {id}, which it was not running.");
        }

        ReadOnlySpan<byte> payload = body[ProtocolConstants.ResponsePrefixSize..];
        switch (status)
        {
            case ResponseStatus.Ok:
                if (call.TryComplete())
                {
                    try
                    {
                        call.SetResult(payload);
                        Finished(call, succeeded: true);
                    }
                    catch (Exception e)
                    {
                        var decodeError = new InvalidDataException($"Could not decode the result of {call.Method.Name}: {e.Message}", e);
                        call.SetException(decodeError);
                        Finished(call, succeeded: false, decodeError);
                    }
                }

                break;
            case ResponseStatus.Error:
                var errorReader = new PayloadReader(payload);
                int item = (int)errorReader.ReadVarUInt32();
                string? input = call is IChunk chunk ? $"Input {chunk.InputIndex(item)}: " : null;
                Fail(call, RemoteExceptionFactory.Create(ErrorInfo.ReadChain(ref errorReader), call.Method.Name, input));
                break;
            case ResponseStatus.Canceled:
                Cancel(call);
                break;
            default:
                throw new InvalidDataException($"Unknown response status {(byte)status}.");
        }

        PendingCall? next = ReleaseWorker(worker, workingSet, out bool spawn);
        if (next is not null)
        {
            Send(worker, next);
        }

        if (spawn)
        {
            SpawnWorker();
        }
    }

    internal void OnProgress(WorkerProcess worker, ReadOnlySpan<byte> body)
    {
        // Through PayloadReader so a short frame is an InvalidDataException (a protocol error for this worker), not an
        // exception that escapes the reading thread.
        long id = new PayloadReader(body).ReadInt64();
        PendingCall? call = worker.Current;
        if (call is not null && call.RequestId == id && !call.IsCompleted && call.Progress is ProgressSink sink)
        {
            try
            {
                sink.Report(body[8..]);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A throwing IProgress<T> must not take the connection down; the call itself goes on.
                Debug.WriteLine(e);
            }
        }
    }

    /// <summary>A worker finished some inputs of its batch: the next input gets a full timeout of its own.</summary>
    internal void OnItemsDone(WorkerProcess worker, ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        long id = reader.ReadInt64();
        _ = reader.ReadInt32();
        lock (_gate)
        {
            if (worker.Current is PendingCall call && call.RequestId == id && worker.State == WorkerState.Busy && worker.CallDeadline != long.MaxValue)
            {
                worker.CallDeadline = ItemDeadline(call);
            }
        }
    }

    /// <summary>A worker streamed the results of the next inputs of its batch (an unordered map): they are yielded
    /// now, and the next input gets a full timeout of its own.</summary>
    internal void OnItemResults(WorkerProcess worker, ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        long id = reader.ReadInt64();
        PendingCall? call;
        lock (_gate)
        {
            call = worker.Current;
            if (call is null || call.RequestId != id)
            {
                throw new InvalidDataException($"The worker streamed results of request {id}, which it was not running.");
            }

            if (worker.State == WorkerState.Busy && worker.CallDeadline != long.MaxValue)
            {
                worker.CallDeadline = ItemDeadline(call);
            }
        }

        if (!call.StreamsItems)
        {
            throw new InvalidDataException($"The worker streamed results of {call.Method.Name}, which was not sent as a streamed batch.");
        }

        if (call.IsCompleted)
        {
            return;
        }

        try
        {
            call.OnItemResults(body[8..]);
        }
        catch (Exception e)
        {
            Fail(call, new InvalidDataException($"Could not decode a result of {call.Method.Name}: {e.Message}", e));
        }
    }

    private void Fail(PendingCall call, Exception exception)
    {
        if (call.TryComplete())
        {
            call.SetException(exception);
            Finished(call, succeeded: false, exception);
        }
    }

    private void Cancel(PendingCall call)
    {
        if (call.TryComplete())
        {
            call.SetCanceled();
            Finished(call, succeeded: false, canceled: true);
        }
    }

    /// <summary>Bookkeeping once a call's outcome is set: metrics, its activity, its registration, drain.</summary>
    private void Finished(PendingCall call, bool succeeded, Exception? error = null, bool canceled = false)
    {
        call.Registration.Unregister();
        double seconds = Stopwatch.GetElapsedTime(call.StartTimestamp).TotalSeconds;
        var tag = new KeyValuePair<string, object?>("method", call.Method.Name);
        (succeeded ? PoolMetrics.CallsCompleted : PoolMetrics.CallsFailed).Add(1, tag, _poolTag);
        PoolMetrics.CallDuration.Record(seconds, tag, _poolTag);
        if (call.Activity is Activity activity)
        {
            string outcome = succeeded ? "ok" : canceled ? "canceled" : OutcomeOf(error);
            activity.SetTag(ForkliftActivitySource.OutcomeTag, outcome);
            if (!succeeded)
            {
                activity.SetStatus(ActivityStatusCode.Error, canceled ? "canceled" : error?.Message);
                activity.SetTag(ForkliftActivitySource.ErrorTypeTag, error is RemoteException remote ? remote.RemoteType : error?.GetType().FullName ?? "canceled");
            }

            activity.Dispose();
        }

        lock (_gate)
        {
            FinishAccounting(call);
        }
    }

    /// <summary>Counts a call out of the pool once. Under the lock.</summary>
    private void FinishAccounting(PendingCall call)
    {
        if (!call.Counted)
        {
            call.Counted = true;
            _outstanding--;
            CheckDrained();
        }
    }

    private void CheckDrained()
    {
        if (_disposing && _outstanding == 0)
        {
            _drained?.TrySetResult();
        }
    }

    /// <summary>The <c>forklift.outcome</c> span attribute: one short word per way a call can end.</summary>
    private static string OutcomeOf(Exception? error) => error switch
    {
        RemoteException => "error",
        WorkerCrashedException => "crashed",
        WorkerTimeoutException => "timeout",
        WorkerStartException => "start_failed",
        OperationCanceledException => "canceled",
        ObjectDisposedException => "shut_down",
        _ => "failed",
    };
}
