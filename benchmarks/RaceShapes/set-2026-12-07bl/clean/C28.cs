using System.Diagnostics;

namespace Blind64.FerrisWheel.Simulation
{
    public readonly record struct GondolaState(int Index, double AngleRad, int Riders);

    /// <summary>Frame published by the simulation for renderers and the operator panel.</summary>
    public sealed class WheelFrame
    {
        public WheelFrame(long frameNumber, double rpm, GondolaState[] gondolas)
        {
            FrameNumber = frameNumber;
            Rpm = rpm;
            Gondolas = gondolas;
        }

        public long FrameNumber { get; }
        public double Rpm { get; }
        public IReadOnlyList<GondolaState> Gondolas { get; }
    }

    /// <summary>
    /// Fixed-step simulation of the observation wheel for the operator training simulator.
    /// The update loop runs on its own thread; the renderer and the network view read
    /// <see cref="CurrentFrame"/> from theirs.
    /// </summary>
    public sealed class WheelSimulation
    {
        private readonly double[] _angles;
        private readonly int[] _riders;
        private double _rpm;
        private long _frame;
        private WheelFrame _published;
        private double _targetRpm;

        public WheelSimulation(int gondolas)
        {
            _angles = new double[gondolas];
            _riders = new int[gondolas];
            for (var i = 0; i < gondolas; i++)
            {
                _angles[i] = 2 * Math.PI * i / gondolas;
            }

            _published = BuildFrame();
        }

        public WheelFrame CurrentFrame => Volatile.Read(ref _published);

        public void SetTargetRpm(double rpm) => Interlocked.Exchange(ref _targetRpm, rpm);

        public void Run(CancellationToken ct)
        {
            const double step = 1.0 / 60;
            var clock = Stopwatch.StartNew();
            var accumulated = 0.0;
            var last = clock.Elapsed.TotalSeconds;
            while (!ct.IsCancellationRequested)
            {
                var now = clock.Elapsed.TotalSeconds;
                accumulated += now - last;
                last = now;
                while (accumulated >= step)
                {
                    Step(step);
                    accumulated -= step;
                }

                Volatile.Write(ref _published, BuildFrame());
                Thread.Sleep(1);
            }
        }

        private void Step(double dt)
        {
            var target = Volatile.Read(ref _targetRpm);
            _rpm += Math.Clamp(target - _rpm, -0.05, 0.05);
            var delta = _rpm * 2 * Math.PI / 60 * dt;
            for (var i = 0; i < _angles.Length; i++)
            {
                _angles[i] = (_angles[i] + delta) % (2 * Math.PI);
                if (Math.Abs(_angles[i] - 1.5 * Math.PI) < Math.Abs(delta))
                {
                    _riders[i] = (_riders[i] + 3) % 9;
                }
            }

            _frame++;
        }

        private WheelFrame BuildFrame()
        {
            var gondolas = new GondolaState[_angles.Length];
            for (var i = 0; i < gondolas.Length; i++)
            {
                gondolas[i] = new GondolaState(i, _angles[i], _riders[i]);
            }

            return new WheelFrame(_frame, _rpm, gondolas);
        }
    }
}
