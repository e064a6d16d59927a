using Forklift.Buffers;
using Forklift.Protocol;

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
                writer.WriteString((exception as RemoteException)?.MethodName);
                WriteChain(ref writer, exception);
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
                return WorkerPool.ToRemoteException(ReadChain(ref reader), methodName);
            default:
                throw new InvalidDataException($"Unknown error kind {(byte)kind}.");
        }
    }

    private static void WriteChain(ref PayloadWriter writer, Exception exception)
    {
        // A RemoteException already stands for a remote type: carry that type and stack, not RemoteException's own.
        const int MaxDepth = 16;
        int count = 0;
        for (Exception? e = exception; e is not null && count < MaxDepth; e = e.InnerException)
        {
            count++;
        }

        writer.WriteVarUInt32((uint)count);
        Exception? current = exception;
        for (int i = 0; i < count; i++)
        {
            if (current is RemoteException remote)
            {
                writer.WriteString(remote.RemoteType);
                writer.WriteString(remote.Message);
                writer.WriteString(remote.RemoteStackTrace);
            }
            else
            {
                writer.WriteString(current!.GetType().FullName ?? current.GetType().Name);
                writer.WriteString(current.Message);
                writer.WriteString(current.StackTrace);
            }

            current = current.InnerException;
        }
    }

    private static ErrorInfo[] ReadChain(ref PayloadReader reader) => ErrorInfo.ReadChain(ref reader);

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
