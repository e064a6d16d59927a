using System.Collections.Concurrent;
using System.Diagnostics;

namespace Blind63.SandYachting.Trainer;

public sealed record YachtInput(string SailNumber, double SteerDegrees, bool Brake);

public sealed class YachtState
{
    public string SailNumber = "";
    public double X, Y, HeadingDegrees, SpeedKnots;
    public int LapsCompleted;
}

public sealed record YachtSnapshot(string SailNumber, double X, double Y, double SpeedKnots, int Laps);

/// <summary>
/// Course simulation for the club's sand-yacht trainer. All yacht state lives
/// on the update-loop thread; network threads hand inputs over through a
/// queue and the renderer reads the published snapshot.
/// </summary>
public sealed class CourseSimulation
{
    private readonly ConcurrentQueue<YachtInput> _inputs = new();
    private readonly Dictionary<string, YachtState> _yachts = new();
    private YachtSnapshot[] _published = Array.Empty<YachtSnapshot>();
    private double _windFromDegrees = 270;
    private double _windKnots = 18;

    public void Post(YachtInput input) => _inputs.Enqueue(input);

    public IReadOnlyList<YachtSnapshot> Snapshot => Volatile.Read(ref _published);

    /// <summary>Runs the update loop on the calling thread until cancelled.</summary>
    public void Run(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = clock.Elapsed;
        while (!ct.IsCancellationRequested)
        {
            var now = clock.Elapsed;
            Update((now - last).TotalSeconds);
            last = now;
            Thread.Sleep(16);
        }
    }

    private void Update(double dt)
    {
        while (_inputs.TryDequeue(out var input))
        {
            if (!_yachts.TryGetValue(input.SailNumber, out var yacht))
            {
                yacht = new YachtState { SailNumber = input.SailNumber };
                _yachts[input.SailNumber] = yacht;
            }
            yacht.HeadingDegrees = (yacht.HeadingDegrees + input.SteerDegrees + 360) % 360;
            if (input.Brake)
            {
                yacht.SpeedKnots *= 0.5;
            }
        }

        foreach (var yacht in _yachts.Values)
        {
            double angle = Math.Abs(((yacht.HeadingDegrees - _windFromDegrees) + 540) % 360 - 180);
            double target = _windKnots * Math.Sin(angle * Math.PI / 180) * 2.2;
            yacht.SpeedKnots += (target - yacht.SpeedKnots) * Math.Min(1, dt * 0.8);

            double metres = yacht.SpeedKnots * 0.5144 * dt;
            double rad = yacht.HeadingDegrees * Math.PI / 180;
            double prevY = yacht.Y;
            yacht.X += metres * Math.Sin(rad);
            yacht.Y += metres * Math.Cos(rad);
            if (prevY < 0 && yacht.Y >= 0 && yacht.X > 0)
            {
                yacht.LapsCompleted++;
            }
        }

        _windFromDegrees = (_windFromDegrees + dt * 0.2) % 360;
        _windKnots = Math.Clamp(_windKnots + Math.Sin(_windFromDegrees) * dt * 0.05, 8, 30);

        var snapshot = _yachts.Values
            .Select(y => new YachtSnapshot(y.SailNumber, y.X, y.Y, y.SpeedKnots, y.LapsCompleted))
            .ToArray();
        Volatile.Write(ref _published, snapshot);
    }
}
