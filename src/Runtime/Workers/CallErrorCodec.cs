using Forklift.Buffers;
using Forklift.Protocol;
using Forklift.Workers;

namespace Forklift;

/// <summary>
/// Turns the outcome of a failed call into bytes and back, so a process that ran the call for another machine can
/// send the failure as data: the caller gets the same exception type the local pool would throw.
/// </summary>
/// <remarks>
/// <para>Encoded: <see cref="RemoteException"/> (with its chain of inner exceptions; any other exception type is
/// carried as a remote exception of that type), <see cref="WorkerCrashedException"/>, <see cref="WorkerTimeoutException"/>,
/// <see cref="WorkerStartException"/>, <see cref="OperationCanceledException"/> and <see cref="ObjectDisposedException"/>
/// (the pool that ran it was shutting down). Stack traces of the last four are not carried: they are the pool's, not
/// the user's.</para>
/// <para>The format is private to Forklift and versioned with it: both ends must run the same Forklift build, which a
/// cluster's build fingerprint check ensures.</para>
/// </remarks>
public static class CallErrorCodec
{
    private enum Kind : byte
    {
        Remote = 1,
        Crashed = 2,
        Timeout = 3,
        Start = 4,
        Canceled = 5,
        Disposed = 6,
    }

    /// <summary>Encodes <paramref name="exception"/>.</summary>
    public static byte[] Encode(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        using var buffer = new PooledBufferWriter();
        var writer = new PayloadWriter(buffer);
        switch (exception)
        {
            case WorkerCrashedException crashed:
                writer.WriteByte((byte)Kind.Crashed);
                writer.WriteString(crashed.Message);
                writer.WriteString(crashed.MethodName);
                WriteOptional(ref writer, crashed.ExitCode);
                WriteOptional(ref writer, crashed.Signal);
                writer.WriteInt32(crashed.ProcessId);
                WriteLines(ref writer, crashed.StandardErrorTail);
                break;
            case WorkerTimeoutException timeout:
                writer.WriteByte((byte)Kind.Timeout);
                writer.WriteString(timeout.Message);
                writer.WriteString(timeout.MethodName);
                writer.WriteInt64(timeout.Timeout.Ticks);
                break;
            case WorkerStartException start:
                writer.WriteByte((byte)Kind.Start);
                writer.WriteString(start.Message);
                WriteLines(ref writer, start.StandardErrorTail);
                break;
            case OperationCanceledException canceled:
                writer.WriteByte((byte)Kind.Canceled);
                writer.WriteString(canceled.Message);
                break;
            case ObjectDisposedException disposed:
                writer.WriteByte((byte)Kind.Disposed);
                writer.WriteString(disposed.Message);
                break;
            default:
                writer.WriteByte((byte)Kind.Remote);
                writer.WriteString(MethodNameOf(exception));
                WriteTree(ref writer, exception);
                break;
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Rebuilds the exception that <see cref="Encode"/> encoded.</summary>
    /// <exception cref="InvalidDataException"><paramref name="encoded"/> is not an encoded error.</exception>
    public static Exception Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new PayloadReader(encoded);
        var kind = (Kind)reader.ReadByte();
        switch (kind)
        {
            case Kind.Crashed:
                string crashedMessage = reader.ReadString() ?? string.Empty;
                return new WorkerCrashedException(crashedMessage)
                {
                    MethodName = reader.ReadString(),
                    ExitCode = ReadOptional(ref reader),
                    Signal = ReadOptional(ref reader),
                    ProcessId = reader.ReadInt32(),
                    StandardErrorTail = ReadLines(ref reader),
                };
            case Kind.Timeout:
                string timeoutMessage = reader.ReadString() ?? string.Empty;
                return new WorkerTimeoutException(timeoutMessage)
                {
                    MethodName = reader.ReadString(),
                    Timeout = TimeSpan.FromTicks(reader.ReadInt64()),
                };
            case Kind.Start:
                string startMessage = reader.ReadString() ?? string.Empty;
                return new WorkerStartException(startMessage) { StandardErrorTail = ReadLines(ref reader) };
            case Kind.Canceled:
                return new OperationCanceledException(reader.ReadString());
            case Kind.Disposed:
                return new ObjectDisposedException(nameof(WorkerPool), reader.ReadString());
            case Kind.Remote:
                string? methodName = reader.ReadString();
                return RemoteExceptionFactory.Create(ErrorInfo.ReadChain(ref reader), methodName);
            default:
                throw new InvalidDataException($"Unknown error kind {(byte)kind}.");
        }
    }

    /// <summary>
    /// Writes the exception tree in the worker protocol's format (<see cref="ErrorInfo"/>), undoing what the pool did
    /// when it rebuilt the worker's exception: a <see cref="RemoteException"/> stands for its remote type, and a
    /// framework exception rebuilt from one (its inner exception is that <see cref="RemoteException"/>) stands for it,
    /// so the caller rebuilds the same exception the node's pool threw.
    /// </summary>
    private static void WriteTree(ref PayloadWriter writer, Exception exception)
    {
        var nodes = new List<(string Type, string Message, string? Stack, string? Detail, List<Exception> Inner)>();
        Collect(exception, 1, nodes);
        writer.WriteVarUInt32((uint)nodes.Count);
        foreach ((string type, string message, string? stack, string? detail, List<Exception> inner) in nodes)
        {
            writer.WriteString(type);
            writer.WriteString(message);
            writer.WriteString(stack);
            writer.WriteString(detail);
            writer.WriteVarUInt32((uint)inner.Count);
        }
    }

    private static void Collect(Exception exception, int depth, List<(string, string, string?, string?, List<Exception>)> nodes)
    {
        // The same bounds as the worker protocol: nesting depth and exceptions in all.
        const int MaxDepth = 16;
        const int MaxCount = 64;
        string? detail = exception switch
        {
            ArgumentException argument => argument.ParamName,
            FileNotFoundException file => file.FileName,
            _ => null,
        };
        if (exception is not RemoteException && exception.InnerException is RemoteException rebuiltFrom
            && rebuiltFrom.RemoteType == exception.GetType().FullName)
        {
            exception = rebuiltFrom;
        }

        var inner = new List<Exception>();
        if (depth < MaxDepth)
        {
            if (exception is AggregateException aggregate)
            {
                inner.AddRange(aggregate.InnerExceptions);
            }
            else if (exception.InnerException is Exception one)
            {
                inner.Add(one);
            }
        }

        int slot = nodes.Count;
        nodes.Add(exception is RemoteException remote
            ? (remote.RemoteType, remote.Message, remote.RemoteStackTrace, detail, inner)
            : (exception.GetType().FullName ?? exception.GetType().Name, exception is AggregateException a ? ErrorInfo.OwnMessage(a) : exception.Message, exception.StackTrace, detail, inner));
        int kept = 0;
        foreach (Exception child in inner)
        {
            if (nodes.Count >= MaxCount)
            {
                break;
            }

            Collect(child, depth + 1, nodes);
            kept++;
        }

        inner.RemoveRange(kept, inner.Count - kept);
        nodes[slot] = nodes[slot] with { Item5 = inner };
    }

    private static string? MethodNameOf(Exception exception)
        => (exception as RemoteException)?.MethodName ?? (exception.InnerException as RemoteException)?.MethodName;

    private static void WriteOptional(ref PayloadWriter writer, int? value)
    {
        writer.WriteBoolean(value.HasValue);
        if (value is int v)
        {
            writer.WriteInt32(v);
        }
    }

    private static int? ReadOptional(ref PayloadReader reader) => reader.ReadBoolean() ? reader.ReadInt32() : null;

    private static void WriteLines(ref PayloadWriter writer, IReadOnlyList<string> lines)
    {
        writer.WriteVarUInt32((uint)lines.Count);
        foreach (string line in lines)
        {
            writer.WriteString(line);
        }
    }

    private static string[] ReadLines(ref PayloadReader reader)
    {
        uint count = reader.ReadVarUInt32();
        if (count > 1024)
        {
            throw new InvalidDataException($"Invalid line count {count}.");
        }

        var lines = new string[count];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = reader.ReadString() ?? string.Empty;
        }

        return lines;
    }
}
