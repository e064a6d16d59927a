namespace Ecosystem.Simulation;

/// <summary>
/// Cellular grass/grazer model. Each tick computes the next generation from the previous one;
/// rows are processed in parallel.
/// </summary>
public sealed class GrazingGrid
{
    private readonly int _width;
    private readonly int _height;
    private float[] _grass;
    private float[] _nextGrass;
    private readonly byte[] _grazers;

    public GrazingGrid(int width, int height, int seed)
    {
        _width = width;
        _height = height;
        _grass = new float[width * height];
        _nextGrass = new float[width * height];
        _grazers = new byte[width * height];

        var random = new Random(seed);
        for (int i = 0; i < _grass.Length; i++)
        {
            _grass[i] = (float)random.NextDouble();
            _grazers[i] = (byte)(random.NextDouble() < 0.05 ? 1 : 0);
        }
    }

    public int Generation { get; private set; }

    public float GrassAt(int x, int y) => _grass[y * _width + x];

    public void Step(float growthRate, float grazeRate)
    {
        var current = _grass;
        var next = _nextGrass;
        var grazers = _grazers;
        int width = _width;
        int height = _height;

        Parallel.For(0, height, y =>
        {
            for (int x = 0; x < width; x++)
            {
                int index = y * width + x;
                float neighbourhood = 0;
                int samples = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    int ny = y + dy;
                    if (ny < 0 || ny >= height)
                    {
                        continue;
                    }

                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx;
                        if (nx < 0 || nx >= width)
                        {
                            continue;
                        }

                        neighbourhood += current[ny * width + nx];
                        samples++;
                    }
                }

                float spread = neighbourhood / samples;
                float value = current[index] + growthRate * (spread - current[index]) + growthRate * 0.1f;
                if (grazers[index] != 0)
                {
                    value -= grazeRate;
                }

                next[index] = Math.Clamp(value, 0f, 1f);
            }
        });

        _grass = next;
        _nextGrass = current;
        Generation++;
    }
}
