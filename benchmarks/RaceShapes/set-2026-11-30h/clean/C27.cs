namespace Blind8.Simulation.Thermal;

/// <summary>
/// Explicit finite-difference solver for 2-D heat diffusion on a metal plate.
/// The grid is split into horizontal bands, one worker thread per band; all
/// workers meet at a barrier after each step before the buffers are swapped.
/// </summary>
public sealed class PlateHeatSolver
{
    private readonly int _width;
    private readonly int _height;
    private readonly double _alpha;
    private readonly int _workers;
    private double[] _current;
    private double[] _next;

    public PlateHeatSolver(int width, int height, double alpha = 0.2, int workers = 4)
    {
        if (alpha <= 0 || alpha > 0.25)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), "Stability requires 0 < alpha <= 0.25.");
        }

        _width = width;
        _height = height;
        _alpha = alpha;
        _workers = Math.Clamp(workers, 1, height);
        _current = new double[width * height];
        _next = new double[width * height];
    }

    public void SetTemperature(int x, int y, double celsius) => _current[y * _width + x] = celsius;

    public double GetTemperature(int x, int y) => _current[y * _width + x];

    /// <summary>Advances the simulation; call from a single thread.</summary>
    public void Run(int steps)
    {
        using var barrier = new Barrier(_workers, _ => (_current, _next) = (_next, _current));

        var threads = new Thread[_workers];
        var rowsPerBand = (_height + _workers - 1) / _workers;
        for (var w = 0; w < _workers; w++)
        {
            var firstRow = w * rowsPerBand;
            var lastRow = Math.Min(_height, firstRow + rowsPerBand);
            threads[w] = new Thread(() => WorkBand(firstRow, lastRow, steps, barrier)) { IsBackground = true };
            threads[w].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }
    }

    private void WorkBand(int firstRow, int lastRow, int steps, Barrier barrier)
    {
        for (var step = 0; step < steps; step++)
        {
            var src = _current;
            var dst = _next;

            for (var y = firstRow; y < lastRow; y++)
            {
                for (var x = 0; x < _width; x++)
                {
                    var i = y * _width + x;
                    if (x == 0 || y == 0 || x == _width - 1 || y == _height - 1)
                    {
                        dst[i] = src[i]; // fixed-temperature boundary
                        continue;
                    }

                    var laplacian = src[i - 1] + src[i + 1] + src[i - _width] + src[i + _width] - 4 * src[i];
                    dst[i] = src[i] + _alpha * laplacian;
                }
            }

            barrier.SignalAndWait();
        }
    }
}
