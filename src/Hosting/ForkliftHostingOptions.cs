namespace Forklift.Hosting;

/// <summary>How the host runs its Forklift pools. Bound from the same configuration section as the default pool.</summary>
public sealed class ForkliftHostingOptions
{
    /// <summary>
    /// Start every worker of every pool while the host starts, so the first calls do not wait for worker processes
    /// to start. Defaults to <see langword="false"/> (workers start on first use). A worker that cannot start then
    /// fails the host's start with a <see cref="WorkerStartException"/>.
    /// </summary>
    public bool WarmUpOnStart { get; set; }

    /// <summary>
    /// Make the host's default pool the one that generated methods use when they are not given a pool
    /// (<see cref="ParallelDefaults.Pool"/>), from the host's start until it stops. Defaults to <see langword="true"/>.
    /// </summary>
    public bool UseAsDefaultPool { get; set; } = true;
}
