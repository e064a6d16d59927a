using Forklift;
using Forklift.Orleans;
using Forklift.Orleans.Cluster;
using Forklift.Orleans.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The caller side of a Forklift cluster.</summary>
public static class ForkliftClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ClusterWorkerPool"/>, also as the app's <see cref="IWorkerPool"/>: inject it and pass it to
    /// generated methods (<c>Primes.CountAsync(pool, …)</c>) to run them on the cluster's nodes.
    /// </summary>
    /// <remarks>Needs Orleans in the same host: a silo (<c>UseOrleans</c>, preferably with
    /// <see cref="ForkliftOrleansSiloBuilderExtensions.AddForkliftDispatcher"/>) or a client (<c>UseOrleansClient</c>).
    /// Options are validated when the pool is first resolved.</remarks>
    public static IServiceCollection AddForkliftCluster(this IServiceCollection services, Action<ForkliftClusterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ForkliftClusterOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(static o =>
        {
            o.Validate();
            return true;
        });

        // A silo that sends calls also places the node grains, so it needs the placement director and the grain's types.
        ForkliftOrleansSiloBuilderExtensions.AddForkliftGrain(services);
        services.TryAddSingleton(static provider =>
        {
            ForkliftClusterOptions settings = provider.GetRequiredService<IOptions<ForkliftClusterOptions>>().Value;
            ILogger logger = provider.GetService<ILoggerFactory>()?.CreateLogger("Forklift.Orleans.Cluster") ?? NullLogger.Instance;
            var transport = new OrleansNodeTransport(provider.GetRequiredService<IGrainFactory>(), provider);
            return new ClusterWorkerPool(new ClusterScheduler(transport, settings, provider.GetRequiredService<BuildFingerprint>(), logger), settings);
        });
        services.TryAddSingleton<IWorkerPool>(static provider => provider.GetRequiredService<ClusterWorkerPool>());
        return services;
    }
}
