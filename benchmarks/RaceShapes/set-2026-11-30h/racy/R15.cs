using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Blind8.Simulation.Drones;

public struct Vector3d
{
    public double X;
    public double Y;
    public double Z;

    public Vector3d(double x, double y, double z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public readonly double Length => Math.Sqrt(X * X + Y * Y + Z * Z);

    public static Vector3d operator -(Vector3d a, Vector3d b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vector3d operator +(Vector3d a, Vector3d b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vector3d operator *(Vector3d a, double s) => new(a.X * s, a.Y * s, a.Z * s);
}

/// <summary>Receives waypoint packets from the ground station on a background thread.</summary>
public sealed class GroundStationLink : IDisposable
{
    private readonly UdpClient _udp;

    public GroundStationLink(int port) => _udp = new UdpClient(port);

    public void Start(Action<Vector3d> onWaypoint)
    {
        new Thread(() => ReceiveLoop(onWaypoint)) { IsBackground = true, Name = "ground-link" }.Start();
    }

    private void ReceiveLoop(Action<Vector3d> onWaypoint)
    {
        var remote = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            byte[] packet;
            try { packet = _udp.Receive(ref remote); }
            catch (ObjectDisposedException) { return; }

            if (packet.Length == 24)
            {
                onWaypoint(new Vector3d(
                    BitConverter.ToDouble(packet, 0), BitConverter.ToDouble(packet, 8), BitConverter.ToDouble(packet, 16)));
            }
        }
    }

    public void Dispose() => _udp.Dispose();
}

/// <summary>Fixed-step flight simulation for a single drone.</summary>
public sealed class DroneSimulation
{
    private const double MaxSpeed = 12.0; // metres per second
    private readonly object _snapshotLock = new();
    private Vector3d _position;
    private Vector3d _waypoint;
    private Vector3d _publishedPosition;
    private volatile bool _running;

    public Vector3d Position
    {
        get { lock (_snapshotLock) return _publishedPosition; }
    }

    public void SetWaypoint(Vector3d target)
    {
        _waypoint = target;
    }

    public void Start()
    {
        _running = true;
        new Thread(RunLoop) { IsBackground = true, Name = "sim-loop" }.Start();
    }

    public void Stop() => _running = false;

    public static DroneSimulation Launch(int groundStationPort)
    {
        var simulation = new DroneSimulation();
        var link = new GroundStationLink(groundStationPort);
        simulation.Start();
        link.Start(simulation.SetWaypoint);
        return simulation;
    }

    private void RunLoop()
    {
        const double step = 1.0 / 60.0;
        var clock = Stopwatch.StartNew();
        var accumulator = 0.0;
        var last = clock.Elapsed.TotalSeconds;

        while (_running)
        {
            var now = clock.Elapsed.TotalSeconds;
            accumulator += now - last;
            last = now;

            while (accumulator >= step)
            {
                Advance(step);
                accumulator -= step;
            }

            Thread.Sleep(1);
        }
    }

    private void Advance(double dt)
    {
        var toTarget = _waypoint - _position;
        var distance = toTarget.Length;
        if (distance > 1e-6)
        {
            var travel = Math.Min(distance, MaxSpeed * dt);
            _position += toTarget * (travel / distance);
        }

        lock (_snapshotLock)
        {
            _publishedPosition = _position;
        }
    }
}
