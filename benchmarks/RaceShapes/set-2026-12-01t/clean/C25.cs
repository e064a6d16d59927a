namespace RadioTelescope.Imaging;

/// <summary>
/// Grids calibrated visibilities onto the UV plane and produces a dirty-beam
/// weighting map for each observing band.
/// </summary>
public sealed class UvGridder
{
    private readonly int _size;
    private readonly double _cellSizeLambda;

    public UvGridder(int size, double cellSizeLambda)
    {
        _size = size;
        _cellSizeLambda = cellSizeLambda;
    }

    /// <summary>
    /// Computes a natural-weighting density map, normalised to a peak of 1.
    /// </summary>
    public double[][] DensityMap(IReadOnlyList<(double U, double V)> samples)
    {
        var rowsOfSamples = new List<int>[_size];
        for (int r = 0; r < _size; r++)
        {
            rowsOfSamples[r] = new List<int>();
        }

        for (int i = 0; i < samples.Count; i++)
        {
            var row = ToCell(samples[i].V);
            if (row >= 0)
            {
                rowsOfSamples[row].Add(i);
            }
        }

        var grid = new double[_size][];
        Parallel.For(0, _size, row =>
        {
            var line = new double[_size];
            foreach (var i in rowsOfSamples[row])
            {
                var col = ToCell(samples[i].U);
                if (col >= 0)
                {
                    line[col] += 1.0;
                }
            }
            grid[row] = line;
        });

        double max = 0;
        foreach (var line in grid)
        {
            foreach (var v in line)
            {
                max = Math.Max(max, v);
            }
        }

        if (max > 0)
        {
            Parallel.For(0, _size, row =>
            {
                var line = grid[row];
                for (int c = 0; c < line.Length; c++)
                {
                    line[c] /= max;
                }
            });
        }
        return grid;
    }

    private int ToCell(double coordinate)
    {
        var cell = (int)Math.Floor(coordinate / _cellSizeLambda) + _size / 2;
        return cell >= 0 && cell < _size ? cell : -1;
    }
}
