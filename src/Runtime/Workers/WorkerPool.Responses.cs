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

        // Whether an awaiting caller's next call to this worker is worth waiting for (see LeadBriefly).
        worker.RecordAnswer(call, AwaitedAnswerWindow);
        ReadOnlySpan<byte> payload = body[ProtocolConstants.ResponsePrefixSize..];
        switch (status)
        {
            case ResponseStatus.Ok:
                if (call.TryComplete())
                {
                    try
                    {
                        call.SetResult(payload);
                        _scheduler.Finished(call, succeeded: true);
                    }
                    catch (Exception e)
                    {
                        var decodeError = new InvalidDataException($"Could not decode the result of {call.Method.Name}: {e.Message}", e);
                        call.SetException(decodeError);
                        _scheduler.Finished(call, succeeded: false, decodeError);
                    }
                }

                break;
            case ResponseStatus.Error:
                var errorReader = new PayloadReader(payload);
                int item = (int)errorReader.ReadVarUInt32();
                string? input = call is IChunk chunk ? $"Input {chunk.InputIndex(item)}: " : null;
                _scheduler.Fail(call, RemoteExceptionFactory.Create(ErrorInfo.ReadChain(ref errorReader), call.Method.Name, input));
                break;
            case ResponseStatus.Canceled:
                _scheduler.Cancel(call);
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
        lock (_scheduler.Gate)
        {
            if (worker.Current is PendingCall call && call.RequestId == id && worker.State == WorkerState.Busy && worker.CallDeadline != long.MaxValue)
            {
                worker.CallDeadline = _scheduler.ItemDeadline(call);
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
        lock (_scheduler.Gate)
        {
            call = worker.Current;
            if (call is null || call.RequestId != id)
            {
                throw new InvalidDataException($"The worker streamed results of request {id}, which it was not running.");
            }

            if (worker.State == WorkerState.Busy && worker.CallDeadline != long.MaxValue)
            {
                worker.CallDeadline = _scheduler.ItemDeadline(call);
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
            _scheduler.Fail(call, new InvalidDataException($"Could not decode a result of {call.Method.Name}: {e.Message}", e));
        }
    }
}
