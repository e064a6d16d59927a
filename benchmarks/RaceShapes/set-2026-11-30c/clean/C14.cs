using System.Numerics;

namespace Litware.Simulation.Cloth
{
    public sealed class ClothNode
    {
        public Vector3 Position;
        public Vector3 PreviousPosition;
        public bool Pinned;
    }

    /// <summary>
    /// Verlet integration for a cloth mesh. Nodes are partitioned into contiguous
    /// bands and each band is integrated on its own thread for one step.
    /// </summary>
    public sealed class ClothIntegrator
    {
        private readonly ClothNode[] _nodes;
        private readonly int _bandCount;
        private readonly Vector3 _gravity;
        private readonly float _damping;

        public ClothIntegrator(ClothNode[] nodes, int bandCount, Vector3 gravity, float damping)
        {
            _nodes = nodes;
            _bandCount = Math.Max(1, bandCount);
            _gravity = gravity;
            _damping = damping;
        }

        public void Step(float dt)
        {
            var bandSize = (_nodes.Length + _bandCount - 1) / _bandCount;
            var threads = new List<Thread>(_bandCount);

            for (var band = 0; band < _bandCount; band++)
            {
                var start = band * bandSize;
                var end = Math.Min(start + bandSize, _nodes.Length);
                if (start >= end)
                {
                    break;
                }

                var thread = new Thread(() => IntegrateBand(start, end, dt))
                {
                    IsBackground = true,
                    Name = $"cloth-band-{band}",
                };
                threads.Add(thread);
                thread.Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }
        }

        private void IntegrateBand(int start, int end, float dt)
        {
            var acceleration = _gravity * (dt * dt);
            for (var i = start; i < end; i++)
            {
                var node = _nodes[i];
                if (node.Pinned)
                {
                    continue;
                }

                var current = node.Position;
                var velocity = (current - node.PreviousPosition) * _damping;
                node.PreviousPosition = current;
                node.Position = current + velocity + acceleration;
            }
        }
    }
}
