using System.Threading;

namespace Physics.Particles
{
    /// <summary>
    /// Two-dimensional particle system with pairwise soft attraction, stepped
    /// in lock-step phases by a fixed set of worker threads.
    /// </summary>
    public sealed class ParticleSystem
    {
        private const double Softening = 0.01;

        private readonly int _count;
        private readonly double[] _vx;
        private readonly double[] _vy;
        private double[] _x;
        private double[] _y;
        private double[] _nextX;
        private double[] _nextY;
        private int _step;

        public ParticleSystem(double[] x, double[] y)
        {
            _count = x.Length;
            _x = (double[])x.Clone();
            _y = (double[])y.Clone();
            _nextX = new double[_count];
            _nextY = new double[_count];
            _vx = new double[_count];
            _vy = new double[_count];
        }

        /// <summary>Runs the simulation and returns the final positions.</summary>
        public (double[] X, double[] Y, int Steps) Run(int steps, int workerCount, double dt)
        {
            using var barrier = new Barrier(workerCount, _ => SwapBuffers());
            var threads = new Thread[workerCount];
            int sliceSize = (_count + workerCount - 1) / workerCount;

            for (int w = 0; w < workerCount; w++)
            {
                int start = w * sliceSize;
                int end = Math.Min(_count, start + sliceSize);
                threads[w] = new Thread(() =>
                {
                    for (int s = 0; s < steps; s++)
                    {
                        Integrate(start, end, dt);
                        barrier.SignalAndWait();
                    }
                });
                threads[w].Start();
            }

            foreach (var thread in threads)
                thread.Join();

            return ((double[])_x.Clone(), (double[])_y.Clone(), _step);
        }

        private void Integrate(int start, int end, double dt)
        {
            var x = _x;
            var y = _y;
            var nextX = _nextX;
            var nextY = _nextY;

            for (int i = start; i < end; i++)
            {
                double ax = 0, ay = 0;
                for (int j = 0; j < _count; j++)
                {
                    if (j == i)
                        continue;
                    double dx = x[j] - x[i];
                    double dy = y[j] - y[i];
                    double inv = 1.0 / Math.Pow(dx * dx + dy * dy + Softening, 1.5);
                    ax += dx * inv;
                    ay += dy * inv;
                }

                _vx[i] += ax * dt;
                _vy[i] += ay * dt;
                nextX[i] = x[i] + _vx[i] * dt;
                nextY[i] = y[i] + _vy[i] * dt;
            }
        }

        private void SwapBuffers()
        {
            (_x, _nextX) = (_nextX, _x);
            (_y, _nextY) = (_nextY, _y);
            _step++;
        }
    }
}
