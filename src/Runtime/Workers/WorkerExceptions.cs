using System.Text;

namespace Forklift;

/// <summary>The worker process running a call exited or broke the protocol before answering.</summary>
/// <remarks>Not sealed: other back ends report the loss of what ran a call as a subtype (a cluster node that died or
/// stopped answering), so code that handles crashes handles those too.</remarks>
public class WorkerCrashedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkerCrashedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The worker's exit code, when it exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the worker (Unix), e.g. 9 for SIGKILL or 6 for SIGABRT.</summary>
    public int? Signal { get; init; }

    /// <summary>The worker's process id.</summary>
    public int ProcessId { get; init; }

    /// <summary>The method the worker was running.</summary>
    public string? MethodName { get; init; }

    /// <summary>The last lines the worker wrote to standard error, oldest first.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; init; } = [];

    internal static string Describe(string head, int? exitCode, int? signal, IReadOnlyList<string> stderr)
    {
        var text = new StringBuilder(head);
        if (signal is int s)
        {
            text.Append(" It was killed by signal ").Append(s).Append(SignalName(s)).Append('.');
        }
        else if (exitCode is int code)
        {
            text.Append(" Exit code ").Append(code).Append('.');
        }

        if (stderr.Count > 0)
        {
            text.AppendLine().Append("Last lines of its standard error:");
            foreach (string line in stderr)
            {
                text.AppendLine().Append("  ").Append(line);
            }
        }

        return text.ToString();
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => " (SIGHUP)",
        2 => " (SIGINT)",
        6 => " (SIGABRT: Environment.FailFast, stack overflow or abort)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        15 => " (SIGTERM)",
        _ => string.Empty,
    };
}

/// <summary>A worker process could not be started or did not become ready (bad environment, missing assembly, an
/// initializer that threw, or a self-contained app without the <see cref="WorkerHost.TryRunAsWorker"/> guard).</summary>
public sealed class WorkerStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkerStartException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>The last lines the worker wrote to standard error, oldest first.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; init; } = [];
}

/// <summary>A call ran longer than its timeout; its worker was killed and replaced.</summary>
public sealed class WorkerTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public WorkerTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>The method that timed out.</summary>
    public string? MethodName { get; init; }

    /// <summary>The timeout that applied.</summary>
    public TimeSpan Timeout { get; init; }
}
