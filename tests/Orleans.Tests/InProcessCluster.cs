using Forklift.Orleans.Tests.Methods;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Forklift.Orleans.Tests;

/// <summary>
/// An Orleans cluster of silos in this process (Orleans' InProcessTestCluster, in-memory transport), each a Forklift node
/// with one worker process. The first silo is also the caller: its <see cref="ClusterWorkerPool"/> is <see cref="Pool"/>.
/// </summary>
/// <remarks>Its "kill" is a graceful stop with a cancelled token, not a crash: crashes are tested with real processes.</remarks>
public abstract class InProcessCluster : IAsyncLifetime
{
    private readonly short _silos;

    protected InProcessCluster(short silos) => _silos = silos;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ClusterWorkerPool Pool { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(_silos);
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSilo((options, silo) =>
        {
            string name = options.SiloName;
            silo.AddForkliftNode(node =>
            {
                node.Pool.Workers = 1;
                node.Pool.EnvironmentVariables[ClusterWork.NodeVariable] = name;
            });
            silo.Services.AddForkliftCluster(cluster =>
            {
                // No fault is injected in these tests: generous liveness bounds keep a loaded machine from false alarms.
                cluster.PingTimeout = TimeSpan.FromSeconds(15);
                cluster.MissedPingsLimit = 3;
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Pool = Cluster.Silos[0].ServiceProvider.GetRequiredService<ClusterWorkerPool>();
        await Pool.WaitForSlotsAsync(_silos).WaitAsync(Eventually.StartBound);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Two nodes, shared by one test class.</summary>
public sealed class TwoNodeCluster() : InProcessCluster(2);
