namespace Forklift.Orleans;

/// <summary>Settings of the caller side: how the cluster pool watches nodes and bounds calls.</summary>
/// <remarks>
/// Detection is a trade between speed and false alarms: a node is dropped after <see cref="MissedPingsLimit"/> pings in
/// a row went unanswered for <see cref="PingTimeout"/>, so with the defaults a hung node is dropped 3-5 s after it stopped
/// answering. On machines that can stall for seconds (heavy swapping, CPU starvation) raise <see cref="PingTimeout"/>.
/// A dropped node comes back as soon as a ping succeeds.
/// </remarks>
public sealed class ForkliftClusterOptions
{
    /// <summary>How often the cluster's membership is read (nodes joining, stopping, declared dead).</summary>
    public TimeSpan MembershipRefresh { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often each node is pinged (capacity, draining, build fingerprint, and the calls it is running).</summary>
    public TimeSpan PingPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a ping may take before it counts as missed.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many pings in a row a node may miss before its calls are failed as <see cref="NodeLostException"/>.</summary>
    public int MissedPingsLimit { get; set; } = 2;

    /// <summary>
    /// The time limit of one call (of each input, for a map) when the method sets none.
    /// It travels with the call: the node kills the worker when the call (or an input of a map chunk) runs past it, and
    /// the caller gets <see cref="WorkerTimeoutException"/>, as from a local pool. <see langword="null"/>: no limit.
    /// </summary>
    public TimeSpan? TaskTimeout { get; set; }

    /// <summary>How long after a call's deadline the caller gives up on a node that did not answer at all.</summary>
    public TimeSpan DeadlineGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long calls may wait while no node can take them (none joined yet, or all were refused) before they fail with
    /// <see cref="WorkerStartException"/>, whose message says why each known node was not used.
    /// </summary>
    public TimeSpan NoNodeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Map chunk size when the method sets none; <see langword="null"/>: about four chunks per remote slot,
    /// at most <see cref="MaxChunkSize"/>.</summary>
    public int? ChunkSize { get; set; }

    /// <summary>The largest default chunk. Each chunk costs a network round trip, and a node runs one chunk per slot at
    /// a time, so small chunks of small calls leave slots idle while chunks travel (100,000 trivial calls: 933 ms in
    /// chunks of 1,000, against 155 ms on the local pool, at load average 50-60); the cap keeps a chunk of a huge map
    /// small enough that a node loss re-runs little.</summary>
    public int MaxChunkSize { get; set; } = 10_000;

    internal void Validate()
    {
        static void Positive(TimeSpan value, string name)
        {
            if (value <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"ForkliftClusterOptions.{name} must be positive.");
            }
        }

        Positive(MembershipRefresh, nameof(MembershipRefresh));
        Positive(PingPeriod, nameof(PingPeriod));
        Positive(PingTimeout, nameof(PingTimeout));
        Positive(NoNodeTimeout, nameof(NoNodeTimeout));
        if (DeadlineGrace < TimeSpan.Zero)
        {
            throw new InvalidOperationException("ForkliftClusterOptions.DeadlineGrace must not be negative.");
        }

        if (MissedPingsLimit < 1 || MaxChunkSize < 1 || ChunkSize is < 1)
        {
            throw new InvalidOperationException("ForkliftClusterOptions.MissedPingsLimit, MaxChunkSize and ChunkSize must be at least 1.");
        }

        if (TaskTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("ForkliftClusterOptions.TaskTimeout must be positive.");
        }
    }
}
