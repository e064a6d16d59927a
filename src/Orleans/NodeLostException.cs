namespace Forklift.Orleans;

/// <summary>
/// The cluster node running a call died, hung, or lost the call's response, so the call may or may not have run.
/// </summary>
/// <remarks>A kind of <see cref="WorkerCrashedException"/>, so code that handles a crashed worker handles a lost node
/// too, and <see cref="Dispatch.ParallelMethodOptions.MaxRetries"/> keeps its meaning: the call is retried on another
/// node only when the method allows retries. Calls that provably never reached a node are retried without counting.</remarks>
public sealed class NodeLostException : WorkerCrashedException
{
    /// <summary>Creates the exception.</summary>
    public NodeLostException(string node, string message, Exception? inner = null)
        : base(message, inner)
    {
        Node = node;
    }

    /// <summary>The node, as its silo address (<c>host:port@generation</c>).</summary>
    public string Node { get; }
}
