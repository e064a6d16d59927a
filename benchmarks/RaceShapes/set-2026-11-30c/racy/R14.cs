using System.Numerics;

namespace Litware.Simulation
{
    public sealed class Particle
    {
        public Vector2 Position;
        public Vector2 Velocity;
        public float Mass = 1f;
    }

    public sealed class Region
    {
        public Region(RectangleF bounds) => Bounds = bounds;
        public RectangleF Bounds { get; }
        public List<Particle> Particles { get; } = new();
    }

    public readonly record struct RectangleF(float X, float Y, float Width, float Height)
    {
        public bool Contains(Vector2 p) => p.X >= X && p.X < X + Width && p.Y >= Y && p.Y < Y + Height;
    }

    /// <summary>
    /// Advances the world by one fixed step. The world is split into vertical
    /// strips and each strip is integrated on its own worker thread; particles
    /// never interact across strips within a single step.
    /// </summary>
    public sealed class StripSimulator
    {
        private readonly Region[] _regions;
        private readonly Vector2 _gravity;

        public StripSimulator(Region[] regions, Vector2 gravity)
        {
            _regions = regions;
            _gravity = gravity;
        }

        public void Step(float dt)
        {
            var workers = new Thread[_regions.Length];
            for (var r = 0; r < _regions.Length; r++)
            {
                workers[r] = new Thread(() => IntegrateRegion(_regions[r], dt))
                {
                    IsBackground = true,
                    Name = $"sim-strip-{r}",
                };
                workers[r].Start();
            }

            foreach (var worker in workers)
            {
                worker.Join();
            }
        }

        private void IntegrateRegion(Region region, float dt)
        {
            foreach (var p in region.Particles)
            {
                p.Velocity += _gravity * dt;
                p.Position += p.Velocity * dt;

                var b = region.Bounds;
                if (p.Position.Y < b.Y)
                {
                    p.Position.Y = b.Y;
                    p.Velocity.Y = -p.Velocity.Y * 0.6f;
                }
                if (p.Position.X < b.X || p.Position.X >= b.X + b.Width)
                {
                    p.Velocity.X = -p.Velocity.X;
                    p.Position.X = Math.Clamp(p.Position.X, b.X, b.X + b.Width - 0.001f);
                }
            }
        }
    }
}
