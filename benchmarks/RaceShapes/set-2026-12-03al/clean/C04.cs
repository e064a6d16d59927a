namespace Blind38.MapEngraving.Relief;

/// <summary>
/// Computes hill-shading depths for a copper plate from a height grid. Each row is
/// shaded independently; the burin depth statistics are gathered afterwards.
/// </summary>
public static class HillShadeEngraver
{
    public readonly record struct DepthStats(double Min, double Max, double Mean);

    public static double[] ShadePlate(double[] heights, int width, int height, double sunAzimuthDeg, double sunAltitudeDeg)
    {
        if (heights.Length != width * height)
        {
            throw new ArgumentException("Height grid does not match dimensions.", nameof(heights));
        }

        var depths = new double[heights.Length];
        var az = sunAzimuthDeg * Math.PI / 180.0;
        var alt = sunAltitudeDeg * Math.PI / 180.0;

        Parallel.For(1, height - 1, y =>
        {
            for (var x = 1; x < width - 1; x++)
            {
                var dzdx = (heights[y * width + x + 1] - heights[y * width + x - 1]) / 2.0;
                var dzdy = (heights[(y + 1) * width + x] - heights[(y - 1) * width + x]) / 2.0;
                var slope = Math.Atan(Math.Sqrt(dzdx * dzdx + dzdy * dzdy));
                var aspect = Math.Atan2(dzdy, -dzdx);
                var illumination = Math.Sin(alt) * Math.Cos(slope)
                    + Math.Cos(alt) * Math.Sin(slope) * Math.Cos(az - aspect);

                // Darker areas get deeper cuts; depth in hundredths of a millimetre.
                depths[y * width + x] = Math.Clamp(1.0 - illumination, 0.0, 1.0) * 12.0;
            }
        });

        return depths;
    }

    public static DepthStats Summarize(double[] depths)
    {
        var min = double.MaxValue;
        var max = double.MinValue;
        var sum = 0.0;
        foreach (var d in depths)
        {
            min = Math.Min(min, d);
            max = Math.Max(max, d);
            sum += d;
        }

        return new DepthStats(min, max, depths.Length == 0 ? 0 : sum / depths.Length);
    }

    public static (double[] Depths, DepthStats Stats) Engrave(double[] heights, int width, int height)
    {
        var depths = ShadePlate(heights, width, height, sunAzimuthDeg: 315, sunAltitudeDeg: 45);
        var stats = Summarize(depths);
        return (depths, stats);
    }
}
