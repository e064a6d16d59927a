using System.Diagnostics;

namespace Forklift.Dispatch;

/// <summary>The <see cref="ActivitySource"/> named <c>Forklift</c>, shared by the caller and worker sides.</summary>
internal static class ForkliftActivitySource
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Forklift";

    public static readonly ActivitySource Source = new(Name);

    // Attribute names on the caller's span (and the pool tag on metrics). Public contract: listed in docs/dependency-injection.md (Observability).
    public const string MethodTag = "forklift.method";
    public const string MethodIdTag = "forklift.method.id";
    public const string PoolNameTag = "forklift.pool.name";
    public const string WorkerPidTag = "forklift.worker.pid";
    public const string OutcomeTag = "forklift.outcome";
    public const string ErrorTypeTag = "error.type";

    /// <summary>
    /// Starts the worker-side activity of a call as a child of the caller's. When nothing in the worker listens to
    /// <see cref="Source"/>, a plain <see cref="Activity"/> still carries the trace context, so user code (and its own
    /// activity sources) in the worker joins the caller's trace.
    /// </summary>
    public static Activity? StartWorkerActivity(string name, string traceParent, string? traceState)
    {
        if (Source.HasListeners() && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out ActivityContext parent))
        {
            Activity? fromSource = Source.StartActivity(name, ActivityKind.Server, parent);
            if (fromSource is not null)
            {
                return fromSource;
            }
        }

        var activity = new Activity(name);
        activity.SetParentId(traceParent);
        activity.TraceStateString = traceState;
        return activity.Start();
    }
}
