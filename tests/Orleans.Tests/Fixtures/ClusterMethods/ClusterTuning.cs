using Orleans.Configuration;

namespace Forklift.Orleans.Tests.Methods;

/// <summary>Membership settings shared by every silo of the test clusters, so they agree on them.</summary>
public static class ClusterTuning
{
    /// <summary>
    /// Orleans' defaults declare a dead silo after about 15 s and a hung one after about 60 s; Forklift's own pings drop
    /// a node much sooner, but a killed silo must also leave the membership for the tests' restarts to be quick.
    /// </summary>
    public static void FastDetection(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 2;
        options.NumVotesForDeathDeclaration = 1;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
    }
}
