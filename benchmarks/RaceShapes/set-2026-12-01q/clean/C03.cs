using System.Collections.Concurrent;

namespace Wildfire.NodeHealth
{
    /// <summary>
    /// Latest known state of a mesh node. Instances are never modified after creation.
    /// </summary>
    public sealed record NodeStatus(string NodeId, DateTimeOffset LastHeard, double BatteryVolts, int HopCount, int MessagesSeen);

    /// <summary>
    /// Tracks heartbeat status for every sensor node in the mesh. Heartbeats
    /// arrive on the gateways' receive threads; the map view reads it.
    /// </summary>
    public sealed class MeshHealthMap
    {
        private readonly ConcurrentDictionary<string, NodeStatus> _nodes = new(StringComparer.Ordinal);

        public void OnHeartbeat(string nodeId, double batteryVolts, int hopCount, DateTimeOffset heardAt)
        {
            _nodes.AddOrUpdate(
                nodeId,
                id => new NodeStatus(id, heardAt, batteryVolts, hopCount, 1),
                (_, existing) => existing with
                {
                    LastHeard = heardAt > existing.LastHeard ? heardAt : existing.LastHeard,
                    BatteryVolts = batteryVolts,
                    HopCount = Math.Min(hopCount, existing.HopCount),
                    MessagesSeen = existing.MessagesSeen + 1,
                });
        }

        public IReadOnlyList<NodeStatus> Silent(DateTimeOffset now, TimeSpan threshold)
        {
            return _nodes.Values.Where(n => now - n.LastHeard > threshold).OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList();
        }

        public IReadOnlyList<NodeStatus> LowBattery(double volts)
        {
            var result = new List<NodeStatus>();
            foreach (var pair in _nodes)
            {
                if (pair.Value.BatteryVolts < volts)
                {
                    result.Add(pair.Value);
                }
            }
            return result;
        }

        public bool Forget(string nodeId) => _nodes.TryRemove(nodeId, out _);
    }

    /// <summary>
    /// Listens to one gateway and reports heartbeats into the health map.
    /// </summary>
    public sealed class HeartbeatListener
    {
        private readonly MeshHealthMap _map;

        public HeartbeatListener(MeshHealthMap map) => _map = map;

        public Task ListenAsync(IAsyncEnumerable<(string Node, double Volts, int Hops)> frames, CancellationToken ct)
        {
            return Task.Run(async () =>
            {
                await foreach (var (node, volts, hops) in frames.WithCancellation(ct).ConfigureAwait(false))
                {
                    _map.OnHeartbeat(node, volts, hops, DateTimeOffset.UtcNow);
                }
            }, ct);
        }
    }
}
