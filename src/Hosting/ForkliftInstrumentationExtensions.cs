using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenTelemetry;

/// <summary>
/// Subscribes OpenTelemetry to Forklift: the <c>Forklift</c> activity source (one client span per call, with the
/// method, pool, worker process id and outcome as attributes) and the <c>Forklift</c> meter (calls, durations, queue
/// length, busy workers, worker starts, crashes and recycles, tagged with the pool name).
/// </summary>
public static class ForkliftInstrumentationExtensions
{
    /// <summary>The name of Forklift's activity source and meter.</summary>
    public const string SourceName = "Forklift";

    /// <summary>Records a span for every Forklift call.</summary>
    public static TracerProviderBuilder AddForkliftInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(SourceName);
    }

    /// <summary>Records Forklift's pool metrics.</summary>
    public static MeterProviderBuilder AddForkliftInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(SourceName);
    }
}
