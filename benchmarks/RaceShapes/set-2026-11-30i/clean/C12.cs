namespace Pixels.Life;

/// <summary>
/// Conway's Game of Life on a toroidal grid. Rendering happens on the main
/// loop after <see cref="Advance"/> returns.
/// </summary>
public sealed class LifeGrid
{
    private readonly int _width;
    private readonly int _height;
    private byte[] _front;
    private byte[] _back;

    public LifeGrid(int width, int height, int seed)
    {
        _width = width;
        _height = height;
        _front = new byte[width * height];
        _back = new byte[width * height];

        var random = new Random(seed);
        for (int i = 0; i < _front.Length; i++)
        {
            _front[i] = random.NextDouble() < 0.3 ? (byte)1 : (byte)0;
        }
    }

    public long Generation { get; private set; }

    public ReadOnlySpan<byte> Cells => _front;

    public void Advance()
    {
        var src = _front;
        var dst = _back;

        Parallel.For(0, _height, y =>
        {
            int up = (y + _height - 1) % _height;
            int down = (y + 1) % _height;

            for (int x = 0; x < _width; x++)
            {
                int left = (x + _width - 1) % _width;
                int right = (x + 1) % _width;

                int neighbours =
                    src[up * _width + left] + src[up * _width + x] + src[up * _width + right] +
                    src[y * _width + left] + src[y * _width + right] +
                    src[down * _width + left] + src[down * _width + x] + src[down * _width + right];

                byte alive = src[y * _width + x];
                dst[y * _width + x] = (byte)(neighbours == 3 || (alive == 1 && neighbours == 2) ? 1 : 0);
            }
        });

        _front = dst;
        _back = src;
        Generation++;
    }

    public int Population()
    {
        int count = 0;
        foreach (var cell in _front)
        {
            count += cell;
        }
        return count;
    }
}

public static class LifeLoop
{
    public static void Run(int generations)
    {
        var grid = new LifeGrid(512, 512, seed: 42);
        for (int i = 0; i < generations; i++)
        {
            grid.Advance();
            if (grid.Generation % 100 == 0)
            {
                Console.WriteLine($"gen {grid.Generation}: population {grid.Population()}");
            }
        }
    }
}
