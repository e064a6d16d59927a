using System;
using System.Diagnostics;
using System.Threading;

namespace Servo.Motion.Tracking
{
    /// <summary>Immutable pose estimate published by the estimator thread.</summary>
    public sealed class PoseEstimate
    {
        public PoseEstimate(double x, double y, double theta, long sequence)
        {
            X = x;
            Y = y;
            Theta = theta;
            Sequence = sequence;
        }

        public double X { get; }
        public double Y { get; }
        public double Theta { get; }
        public long Sequence { get; }
    }

    public interface IImuAndEncoders
    {
        (double LinearVelocity, double YawRate) Read();
    }

    public interface IGroundStationLink
    {
        void SendPose(long sequence, double x, double y, double theta);
    }

    /// <summary>
    /// Integrates wheel odometry fused with the IMU yaw rate on a dedicated thread and
    /// reports the latest estimate to the ground station from a timer at 10 Hz.
    /// </summary>
    public sealed class PoseEstimator : IDisposable
    {
        private readonly IImuAndEncoders _sensors;
        private readonly IGroundStationLink _link;
        private readonly Thread _worker;
        private readonly Timer _reportTimer;
        private volatile bool _running;
        private PoseEstimate _latest = new(0, 0, 0, 0);

        public PoseEstimator(IImuAndEncoders sensors, IGroundStationLink link)
        {
            _sensors = sensors;
            _link = link;
            _worker = new Thread(Run) { IsBackground = true, Name = "pose-estimator" };
            _reportTimer = new Timer(Report, null, Timeout.Infinite, Timeout.Infinite);
        }

        public PoseEstimate Latest => Volatile.Read(ref _latest);

        public void Start()
        {
            _running = true;
            _worker.Start();
            _reportTimer.Change(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }

        private void Run()
        {
            var clock = Stopwatch.StartNew();
            double last = 0;
            double x = 0, y = 0, theta = 0;
            long sequence = 0;

            while (_running)
            {
                double now = clock.Elapsed.TotalSeconds;
                double dt = now - last;
                last = now;

                var (v, yawRate) = _sensors.Read();
                theta = Math.IEEERemainder(theta + yawRate * dt, 2 * Math.PI);
                x += v * Math.Cos(theta) * dt;
                y += v * Math.Sin(theta) * dt;

                Volatile.Write(ref _latest, new PoseEstimate(x, y, theta, ++sequence));
                Thread.Sleep(5);
            }
        }

        private void Report(object? state)
        {
            var pose = Volatile.Read(ref _latest);
            _link.SendPose(pose.Sequence, pose.X, pose.Y, pose.Theta);
        }

        public void Dispose()
        {
            _running = false;
            _reportTimer.Dispose();
            if (_worker.IsAlive) _worker.Join();
        }
    }
}
