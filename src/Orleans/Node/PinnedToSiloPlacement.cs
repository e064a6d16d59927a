using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Forklift.Orleans.Node;

/// <summary>Places a grain on the silo whose address is the grain's string key, so the caller chooses the node.</summary>
/// <remarks>Orleans' built-in strategies cannot address one silo (SiloRoleBased keys on the role name, which is the same
/// on every silo of one app); stateless workers route by grain id through a gateway and put every call on one silo.</remarks>
[GenerateSerializer]
[Alias("Forklift.PinnedToSilo")]
internal sealed class PinnedToSiloPlacement : PlacementStrategy
{
    public static readonly PinnedToSiloPlacement Instance = new();
}

/// <summary>Marks a grain class as placed by <see cref="PinnedToSiloPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class PinnedToSiloAttribute : PlacementAttribute
{
    public PinnedToSiloAttribute()
        : base(PinnedToSiloPlacement.Instance)
    {
    }
}

/// <summary>Resolves the key to the silo it names.</summary>
/// <remarks>It does not check the cluster manifest: a silo that just joined is active in membership a moment before
/// the manifest lists its grain types, and the caller's first ping must not fail for that. A key naming a silo that is
/// dead or gone fails the call before delivery (Orleans rejects messages to dead silos), which the caller retries
/// elsewhere.</remarks>
internal sealed class PinnedToSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
        => Task.FromResult(SiloAddress.FromParsableString(target.GrainIdentity.Key.ToString()!));
}
