using Forklift.Orleans;
using Forklift.Orleans.Node;
using Forklift.Orleans.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Orleans.Hosting;

/// <summary>Makes a silo part of a Forklift cluster: a node that runs calls, or a dispatcher that only sends them.</summary>
public static class ForkliftOrleansSiloBuilderExtensions
{
    /// <summary>
    /// Makes this silo a node: it runs <c>[Parallel]</c> calls from the cluster on its own <see cref="Forklift.WorkerPool"/>
    /// (by default one worker process per core), and drains them when the silo stops.
    /// </summary>
    /// <remarks>The silo must run the same build of the app as the callers (checked: a node with a different build is
    /// refused), and its host must call <see cref="Forklift.WorkerHost.TryRunAsWorker"/> first thing in <c>Main</c> as
    /// any app using a local pool does. Anyone who can reach the silo's port can run the app's registered methods: keep
    /// the cluster network private and use TLS (docs/cluster.md).</remarks>
    public static ISiloBuilder AddForkliftNode(this ISiloBuilder builder, Action<ForkliftNodeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddForkliftGrain(builder.Services);
        var options = builder.Services.AddOptions<ForkliftNodeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(static o =>
        {
            o.Validate();
            return true;
        });
        builder.Services.TryAddSingleton<ForkliftNode>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static services => services.GetRequiredService<ForkliftNode>());
        return builder;
    }

    /// <summary>
    /// Makes this silo a member that runs no calls: the preferred caller. A caller that is a silo reaches every node
    /// directly, so one hung node cannot stall calls to the others (an external client routes through gateways).
    /// Add <see cref="ForkliftClusterServiceCollectionExtensions.AddForkliftCluster"/> for its <see cref="Forklift.IWorkerPool"/>.
    /// </summary>
    public static ISiloBuilder AddForkliftDispatcher(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddForkliftGrain(builder.Services);
        return builder;
    }

    /// <summary>The node grain, its placement and its messages; every silo of the cluster needs them.</summary>
    internal static void AddForkliftGrain(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(ForkliftGrainMarker)))
        {
            return;
        }

        services.AddSingleton<ForkliftGrainMarker>();
        services.TryAddSingleton<BuildFingerprint>();
        services.AddPlacementDirector<PinnedToSiloPlacement, PinnedToSiloPlacementDirector>();
        services.AddSerializer(serializer => serializer.AddAssembly(typeof(ForkliftNodeGrain).Assembly));
    }

    private sealed class ForkliftGrainMarker;
}
