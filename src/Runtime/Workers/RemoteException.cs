using System.Text;

namespace Forklift;

/// <summary>An exception thrown by user code in a worker process, carried back to the caller.</summary>
/// <remarks>
/// <para><see cref="Exception.StackTrace"/> is the caller's stack (where the call was awaited); <see cref="RemoteStackTrace"/>
/// is the worker's. The worker's inner exceptions are mapped the same way as the exception itself. <see cref="ToString"/>
/// shows all of it.</para>
/// <para>A well-known framework exception (<see cref="InvalidOperationException"/>, <see cref="KeyNotFoundException"/>,
/// <see cref="ArgumentException"/>…) is raised in the caller as its own type, with the worker's stack as its remote stack
/// trace and a <see cref="RemoteException"/> as its <see cref="Exception.InnerException"/>; an
/// <see cref="AggregateException"/> keeps all its inner exceptions. Every other type arrives as a
/// <see cref="RemoteException"/>.</para>
/// </remarks>
public sealed class RemoteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteException(string remoteType, string message, string? remoteStackTrace, Exception? inner = null)
        : base(message, inner)
    {
        RemoteType = remoteType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The full name of the exception type thrown in the worker.</summary>
    public string RemoteType { get; }

    /// <summary>The stack trace in the worker.</summary>
    public string? RemoteStackTrace { get; }

    /// <summary>The method that was running, when known.</summary>
    public string? MethodName { get; init; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(RemoteType).Append(" (in worker");
        if (MethodName is not null)
        {
            text.Append(", running ").Append(MethodName);
        }

        text.Append("): ").Append(Message);
        if (InnerException is not null)
        {
            text.AppendLine().Append(" ---> ").Append(InnerException.ToString()).AppendLine().Append("   --- End of inner exception stack trace ---");
        }

        if (!string.IsNullOrEmpty(RemoteStackTrace))
        {
            text.AppendLine().Append(RemoteStackTrace);
        }

        text.AppendLine().Append("   --- End of worker stack trace; caller: ").Append(GetType().FullName).Append(" ---");
        if (StackTrace is string local)
        {
            text.AppendLine().Append(local);
        }

        return text.ToString();
    }
}
