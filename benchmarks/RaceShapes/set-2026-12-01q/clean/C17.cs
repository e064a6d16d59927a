using System.Collections.Immutable;

namespace BikeShare.Rebalancing
{
    public sealed record DockMove(string FromStation, string ToStation, int Bikes, string TruckId);

    /// <summary>
    /// The live rebalancing plan for the van crews. Dispatchers add moves from
    /// the web console while crews claim and complete them from the driver app;
    /// one instance is shared by all of them.
    /// </summary>
    public sealed class RebalancingPlan
    {
        private ImmutableList<DockMove> _open = ImmutableList<DockMove>.Empty;
        private ImmutableDictionary<string, ImmutableList<DockMove>> _claimed = ImmutableDictionary<string, ImmutableList<DockMove>>.Empty;

        public IReadOnlyList<DockMove> Open => Volatile.Read(ref _open);

        public void Add(DockMove move) => ImmutableInterlocked.Update(ref _open, list => list.Add(move));

        public DockMove? ClaimNext(string truckId)
        {
            DockMove? taken = null;
            ImmutableInterlocked.Update(ref _open, list =>
            {
                taken = list.Count > 0 ? list[0] : null;
                return taken is null ? list : list.RemoveAt(0);
            });

            if (taken is null)
            {
                return null;
            }

            var claimed = taken with { TruckId = truckId };
            ImmutableInterlocked.AddOrUpdate(
                ref _claimed,
                truckId,
                _ => ImmutableList.Create(claimed),
                (_, existing) => existing.Add(claimed));
            return claimed;
        }

        public bool Complete(string truckId, DockMove move)
        {
            var removed = false;
            ImmutableInterlocked.Update(ref _claimed, map =>
            {
                removed = false;
                if (!map.TryGetValue(truckId, out var moves) || !moves.Contains(move))
                {
                    return map;
                }

                removed = true;
                var remaining = moves.Remove(move);
                return remaining.IsEmpty ? map.Remove(truckId) : map.SetItem(truckId, remaining);
            });
            return removed;
        }

        public IReadOnlyList<DockMove> ClaimedBy(string truckId)
        {
            return Volatile.Read(ref _claimed).TryGetValue(truckId, out var moves) ? moves : ImmutableList<DockMove>.Empty;
        }
    }
}
