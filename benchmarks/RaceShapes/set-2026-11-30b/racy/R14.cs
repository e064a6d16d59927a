namespace Blind2.R14;

public struct Body
{
    public double X, Y;
    public double VX, VY;
    public double FX, FY;
    public double Mass;
}

/// <summary>
/// Simple 2D n-body integrator used by the orbit sandbox. The pairwise force
/// pass is the hot loop, so it is spread over all cores.
/// </summary>
public sealed class GravitySimulation
{
    private const double G = 6.674e-11;
    private const double Softening = 1e-3;

    private readonly Body[] _bodies;

    public GravitySimulation(Body[] bodies) => _bodies = bodies;

    public IReadOnlyList<Body> Bodies => _bodies;

    public void Run(int steps, double dt, Action<int, IReadOnlyList<Body>>? onFrame = null)
    {
        for (int step = 0; step < steps; step++)
        {
            Step(dt);
            onFrame?.Invoke(step, _bodies);
        }
    }

    public void Step(double dt)
    {
        for (int i = 0; i < _bodies.Length; i++)
        {
            _bodies[i].FX = 0;
            _bodies[i].FY = 0;
        }

        Parallel.For(0, _bodies.Length, AccumulatePairForces);

        for (int i = 0; i < _bodies.Length; i++)
        {
            ref Body b = ref _bodies[i];
            b.VX += b.FX / b.Mass * dt;
            b.VY += b.FY / b.Mass * dt;
            b.X += b.VX * dt;
            b.Y += b.VY * dt;
        }
    }

    private void AccumulatePairForces(int i)
    {
        for (int j = i + 1; j < _bodies.Length; j++)
        {
            double dx = _bodies[j].X - _bodies[i].X;
            double dy = _bodies[j].Y - _bodies[i].Y;
            double distSq = dx * dx + dy * dy + Softening;
            double invDist = 1.0 / Math.Sqrt(distSq);
            double f = G * _bodies[i].Mass * _bodies[j].Mass / distSq;
            double fx = f * dx * invDist;
            double fy = f * dy * invDist;

            _bodies[i].FX += fx;
            _bodies[i].FY += fy;

            // Newton's third law.
            _bodies[j].FX -= fx;
            _bodies[j].FY -= fy;
        }
    }
}
