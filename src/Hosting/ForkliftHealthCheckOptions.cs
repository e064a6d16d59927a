namespace Forklift.Hosting;

/// <summary>When the Forklift health check reports a pool as degraded.</summary>
public sealed class ForkliftHealthCheckOptions
{
    /// <summary>How far back worker crashes count. Defaults to one minute.</summary>
    public TimeSpan CrashWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Degraded when at least this many workers crashed (or timed out, or failed to start) within
    /// <see cref="CrashWindow"/>. Defaults to 3: one crash is a bad input, several are a pattern.</summary>
    public int DegradedAfterCrashes { get; set; } = 3;

    /// <summary>Degraded when more calls than this wait for a worker; <see langword="null"/> (the default) ignores the queue.</summary>
    public int? DegradedAfterQueuedCalls { get; set; }
}
