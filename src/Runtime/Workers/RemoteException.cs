namespace Forklift;

/// <summary>An exception thrown by user code in a worker process, carried back to the caller.</summary>
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
}
