using Forklift.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Forklift health check: <c>services.AddHealthChecks().AddForklift()</c>.</summary>
public static class ForkliftHealthChecksBuilderExtensions
{
    /// <summary>Adds a check that reports every pool registered with <c>AddForklift</c>.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Defaults to <c>forklift</c>.</param>
    /// <param name="failureStatus">Reported for a pool that is shutting down. Defaults to <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags for filtering checks (for example <c>ready</c>).</param>
    /// <param name="configure">When a pool counts as degraded.</param>
    public static IHealthChecksBuilder AddForklift(
        this IHealthChecksBuilder builder,
        string name = "forklift",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        Action<ForkliftHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (configure is not null)
        {
            builder.Services.Configure(name, configure);
        }

        return builder.Add(new HealthCheckRegistration(
            name,
            static sp => ActivatorUtilities.CreateInstance<WorkerPoolHealthCheck>(sp),
            failureStatus,
            tags));
    }
}
