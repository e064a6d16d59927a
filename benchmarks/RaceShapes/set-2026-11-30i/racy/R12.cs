namespace Sandbox.Simulation;

/// <summary>
/// One-dimensional heat diffusion along a rod, used by the "thermal" demo
/// scene. Each frame advances the simulation by a fixed time step.
/// </summary>
public sealed class HeatRod
{
    private readonly double[] _temperature;
    private readonly double _alpha;
    private readonly double _leftBoundary;
    private readonly double _rightBoundary;

    public HeatRod(int cells, double alpha, double leftBoundary, double rightBoundary, double initial)
    {
        if (cells < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(cells));
        }

        _temperature = new double[cells];
        Array.Fill(_temperature, initial);
        _alpha = alpha;
        _leftBoundary = leftBoundary;
        _rightBoundary = rightBoundary;
        _temperature[0] = leftBoundary;
        _temperature[^1] = rightBoundary;
    }

    public int Frame { get; private set; }

    public ReadOnlySpan<double> Temperatures => _temperature;

    public void Step()
    {
        int last = _temperature.Length - 1;

        Parallel.For(1, last, i =>
        {
            double left = _temperature[i - 1];
            double right = _temperature[i + 1];
            double self = _temperature[i];
            _temperature[i] = self + _alpha * (left - 2 * self + right);
        });

        _temperature[0] = _leftBoundary;
        _temperature[last] = _rightBoundary;
        Frame++;
    }

    public double AverageTemperature()
    {
        double sum = 0;
        foreach (var t in _temperature)
        {
            sum += t;
        }
        return sum / _temperature.Length;
    }
}

public static class ThermalScene
{
    public static void Run(int frames)
    {
        var rod = new HeatRod(cells: 4096, alpha: 0.25, leftBoundary: 100, rightBoundary: 0, initial: 20);

        for (int f = 0; f < frames; f++)
        {
            rod.Step();
            if (f % 60 == 0)
            {
                Console.WriteLine($"frame {rod.Frame,5}: avg {rod.AverageTemperature():F3}");
            }
        }
    }
}
