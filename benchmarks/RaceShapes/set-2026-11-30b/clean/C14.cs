namespace Blind2.C14;

public struct Particle
{
    public double X, Y;
    public double VX, VY;
    public double AX, AY;
    public double Charge;
}

/// <summary>
/// Electrostatic particle sandbox. Each frame computes accelerations for all
/// particles in parallel from the current positions, then integrates.
/// </summary>
public sealed class ParticleWorld
{
    private const double K = 8.99e9;
    private const double Epsilon = 1e-4;

    private readonly Particle[] _particles;

    public ParticleWorld(Particle[] particles) => _particles = particles;

    public int Frame { get; private set; }

    public void Tick(double dt)
    {
        // Phase 1: accelerations from the current positions.
        Parallel.For(0, _particles.Length, ComputeAcceleration);

        // Phase 2: integrate velocities and positions.
        Parallel.For(0, _particles.Length, i =>
        {
            ref Particle p = ref _particles[i];
            p.VX += p.AX * dt;
            p.VY += p.AY * dt;
            p.X += p.VX * dt;
            p.Y += p.VY * dt;
        });

        Frame++;
    }

    private void ComputeAcceleration(int i)
    {
        double ax = 0, ay = 0;
        double xi = _particles[i].X, yi = _particles[i].Y, qi = _particles[i].Charge;

        for (int j = 0; j < _particles.Length; j++)
        {
            if (j == i)
                continue;

            double dx = xi - _particles[j].X;
            double dy = yi - _particles[j].Y;
            double r2 = dx * dx + dy * dy + Epsilon;
            double f = K * qi * _particles[j].Charge / r2;
            double inv = 1.0 / Math.Sqrt(r2);
            ax += f * dx * inv;
            ay += f * dy * inv;
        }

        _particles[i].AX = ax;
        _particles[i].AY = ay;
    }

    public void RunLoop(int frames, double dt, Action<ParticleWorld>? render = null)
    {
        for (int n = 0; n < frames; n++)
        {
            Tick(dt);
            render?.Invoke(this);
        }
    }
}
