using System;
using System.Diagnostics;
using System.Threading;

namespace Servo.Motion.Odometry
{
    public readonly struct Pose
    {
        public Pose(double x, double y, double heading)
        {
            X = x;
            Y = y;
            Heading = heading;
        }

        public double X { get; }
        public double Y { get; }
        public double Heading { get; }
    }

    public interface IWheelEncoders
    {
        /// <summary>Wheel surface speeds in metres per second.</summary>
        (double Left, double Right) ReadWheelSpeeds();
    }

    public interface ITelemetrySink
    {
        void PublishPose(double x, double y, double heading);
    }

    /// <summary>
    /// Dead-reckoning odometry for a differential-drive base. A dedicated thread integrates
    /// encoder readings at roughly 200 Hz; a timer publishes the pose to the ground station at 10 Hz.
    /// </summary>
    public sealed class DifferentialDriveOdometry : IDisposable
    {
        private readonly IWheelEncoders _encoders;
        private readonly ITelemetrySink _sink;
        private readonly double _wheelBase;
        private readonly Thread _integrator;
        private readonly Timer _telemetryTimer;
        private volatile bool _running;
        private Pose _pose;

        public DifferentialDriveOdometry(IWheelEncoders encoders, ITelemetrySink sink, double wheelBaseMetres)
        {
            _encoders = encoders;
            _sink = sink;
            _wheelBase = wheelBaseMetres;
            _integrator = new Thread(Integrate) { IsBackground = true, Name = "odometry", Priority = ThreadPriority.AboveNormal };
            _telemetryTimer = new Timer(PublishTelemetry, null, Timeout.Infinite, Timeout.Infinite);
        }

        public void Start()
        {
            _running = true;
            _integrator.Start();
            _telemetryTimer.Change(TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        }

        private void Integrate()
        {
            var clock = Stopwatch.StartNew();
            double previous = 0;
            while (_running)
            {
                double now = clock.Elapsed.TotalSeconds;
                double dt = now - previous;
                previous = now;

                var (left, right) = _encoders.ReadWheelSpeeds();
                double v = (left + right) / 2.0;
                double omega = (right - left) / _wheelBase;

                var current = _pose;
                double heading = NormalizeAngle(current.Heading + omega * dt);
                _pose = new Pose(
                    current.X + v * Math.Cos(heading) * dt,
                    current.Y + v * Math.Sin(heading) * dt,
                    heading);

                Thread.Sleep(5);
            }
        }

        private void PublishTelemetry(object? state)
        {
            Pose snapshot = _pose;
            _sink.PublishPose(snapshot.X, snapshot.Y, snapshot.Heading);
        }

        private static double NormalizeAngle(double angle)
        {
            while (angle > Math.PI) angle -= 2 * Math.PI;
            while (angle < -Math.PI) angle += 2 * Math.PI;
            return angle;
        }

        public void Dispose()
        {
            _running = false;
            _telemetryTimer.Dispose();
            if (_integrator.IsAlive) _integrator.Join();
        }
    }
}
