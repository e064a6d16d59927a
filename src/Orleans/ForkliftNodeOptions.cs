namespace Forklift.Orleans;

/// <summary>Settings of a node: a silo that runs <c>[Parallel]</c> calls for the cluster on its own worker processes.</summary>
public sealed class ForkliftNodeOptions
{
    /// <summary>The node's local pool: its worker count is the node's capacity (calls it runs at once).</summary>
    /// <remarks><see cref="WorkerPoolOptions.TaskTimeout"/> is the fallback for calls whose caller set no deadline.</remarks>
    public WorkerPoolOptions Pool { get; set; } = new() { Name = "cluster-node" };

    /// <summary>How long a stopping node waits for the calls it is running before it stops its workers.</summary>
    /// <remarks>New calls are refused from the start of the stop (callers retry them elsewhere); calls still running at
    /// the end are lost to their callers as <see cref="NodeLostException"/>.</remarks>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Starts the node's workers with the silo rather than on its first call.</summary>
    public bool WarmUp { get; set; } = true;

    internal void Validate()
    {
        if (Pool is null)
        {
            throw new InvalidOperationException("ForkliftNodeOptions.Pool must be set.");
        }

        if (Pool.Workers < 1)
        {
            throw new InvalidOperationException("ForkliftNodeOptions.Pool.Workers must be at least 1.");
        }

        if (DrainTimeout < TimeSpan.Zero)
        {
            throw new InvalidOperationException("ForkliftNodeOptions.DrainTimeout must not be negative.");
        }
    }
}
