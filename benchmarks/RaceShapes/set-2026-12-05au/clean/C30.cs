using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Blind47.HedgeMazes.Paths;

/// <summary>Scratch state for one breadth-first search over a maze grid.</summary>
public sealed class PathScratch
{
    public readonly Queue<(int X, int Y)> Frontier = new();
    public int[] Distance = Array.Empty<int>();

    public void Reset(int cells)
    {
        Frontier.Clear();
        if (Distance.Length < cells)
        {
            Distance = new int[cells];
        }

        Array.Fill(Distance, -1, 0, cells);
    }
}

/// <summary>
/// Shortest-path helper used by the maze visitor app to show "steps to the
/// centre". Many requests run at once; scratch buffers are pooled and each is
/// used by one request at a time.
/// </summary>
public sealed class MazePathFinder
{
    private readonly bool[,] _hedges;
    private readonly ConcurrentBag<PathScratch> _pool = new();
    private int _created;

    public MazePathFinder(bool[,] hedges) => _hedges = hedges;

    public int ScratchObjectsCreated => Volatile.Read(ref _created);

    public int StepsBetween((int X, int Y) from, (int X, int Y) to)
    {
        var width = _hedges.GetLength(0);
        var height = _hedges.GetLength(1);
        var scratch = Rent();
        try
        {
            scratch.Reset(width * height);
            scratch.Distance[from.X * height + from.Y] = 0;
            scratch.Frontier.Enqueue(from);

            while (scratch.Frontier.Count > 0)
            {
                var (x, y) = scratch.Frontier.Dequeue();
                var d = scratch.Distance[x * height + y];
                if ((x, y) == to)
                {
                    return d;
                }

                foreach (var (nx, ny) in new[] { (x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1) })
                {
                    if (nx < 0 || ny < 0 || nx >= width || ny >= height || _hedges[nx, ny])
                    {
                        continue;
                    }

                    var index = nx * height + ny;
                    if (scratch.Distance[index] < 0)
                    {
                        scratch.Distance[index] = d + 1;
                        scratch.Frontier.Enqueue((nx, ny));
                    }
                }
            }

            return -1;
        }
        finally
        {
            _pool.Add(scratch);
        }
    }

    private PathScratch Rent()
    {
        if (_pool.TryTake(out var scratch))
        {
            return scratch;
        }

        Interlocked.Increment(ref _created);
        return new PathScratch();
    }
}

public static class CentreSigns
{
    public static IReadOnlyDictionary<(int, int), int> Compute(MazePathFinder finder, IEnumerable<(int X, int Y)> entrances, (int X, int Y) centre)
    {
        var results = new ConcurrentDictionary<(int, int), int>();
        Parallel.ForEach(entrances, e => results[e] = finder.StepsBetween(e, centre));
        return results;
    }
}
