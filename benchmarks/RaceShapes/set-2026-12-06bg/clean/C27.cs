namespace Blind59.HedgeMaze.Design;

public sealed record MazeCandidate(int Seed, bool[,] OpenEast, bool[,] OpenSouth, int SolutionLength, int DeadEnds);

/// <summary>
/// Generates candidate layouts for next season's hedge planting and picks the ones with
/// the longest walk to the centre. Run by the head gardener from the estate's CLI tool.
/// </summary>
public sealed class MazeDesigner : IDisposable
{
    private static int _seedSource = Environment.TickCount;

    private readonly ThreadLocal<Random> _random = new(() => new Random(Interlocked.Increment(ref _seedSource)));
    private readonly int _width;
    private readonly int _height;

    public MazeDesigner(int width, int height)
    {
        _width = width;
        _height = height;
    }

    public IReadOnlyList<MazeCandidate> Best(int candidates, int keep)
    {
        var results = new MazeCandidate[candidates];
        Parallel.For(0, candidates, i =>
        {
            results[i] = Generate(_random.Value!.Next());
        });

        return results.OrderByDescending(c => c.SolutionLength).ThenBy(c => c.DeadEnds).Take(keep).ToList();
    }

    private MazeCandidate Generate(int seed)
    {
        var rng = new Random(seed);
        var east = new bool[_width, _height];
        var south = new bool[_width, _height];
        var visited = new bool[_width, _height];
        var depth = new int[_width, _height];
        var stack = new Stack<(int X, int Y)>();
        stack.Push((0, 0));
        visited[0, 0] = true;

        while (stack.Count > 0)
        {
            var (x, y) = stack.Peek();
            var options = new List<(int X, int Y)>(4);
            if (x > 0 && !visited[x - 1, y]) options.Add((x - 1, y));
            if (x < _width - 1 && !visited[x + 1, y]) options.Add((x + 1, y));
            if (y > 0 && !visited[x, y - 1]) options.Add((x, y - 1));
            if (y < _height - 1 && !visited[x, y + 1]) options.Add((x, y + 1));

            if (options.Count == 0)
            {
                stack.Pop();
                continue;
            }

            var (nx, ny) = options[rng.Next(options.Count)];
            if (nx == x + 1) east[x, y] = true;
            else if (nx == x - 1) east[nx, y] = true;
            else if (ny == y + 1) south[x, y] = true;
            else south[x, ny] = true;

            visited[nx, ny] = true;
            depth[nx, ny] = depth[x, y] + 1;
            stack.Push((nx, ny));
        }

        int deadEnds = 0;
        for (int x = 0; x < _width; x++)
        for (int y = 0; y < _height; y++)
        {
            int exits = (east[x, y] ? 1 : 0) + (south[x, y] ? 1 : 0)
                      + (x > 0 && east[x - 1, y] ? 1 : 0) + (y > 0 && south[x, y - 1] ? 1 : 0);
            if (exits == 1) deadEnds++;
        }

        return new MazeCandidate(seed, east, south, depth[_width / 2, _height / 2], deadEnds);
    }

    public void Dispose() => _random.Dispose();
}
