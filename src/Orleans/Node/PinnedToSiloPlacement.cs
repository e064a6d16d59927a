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

/// <summary>Resolves the key to the silo; a key naming a silo that is not in the cluster fails the call at once
/// (with <see cref="SiloUnavailableException"/>) instead of activating the grain somewhere else.</summary>
internal sealed class PinnedToSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        string key = target.GrainIdentity.Key.ToString()!;
        SiloAddress silo = SiloAddress.FromParsableString(key);
        foreach (SiloAddress compatible in context.GetCompatibleSilos(target))
        {
            if (compatible.Equals(silo))
            {
                return Task.FromResult(silo);
            }
        }

        throw new SiloUnavailableException($"Forklift node {key} is not an active member of the cluster.");
    }
}
