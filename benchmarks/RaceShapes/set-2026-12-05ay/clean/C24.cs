namespace Blind51.HedgeMazes.Routes;

/// <summary>
/// Counts dead ends reachable from each junction of a hedge maze to grade its difficulty
/// for the visitor map. Junctions are explored in parallel.
/// </summary>
public sealed class MazeDifficultyGrader
{
    private readonly IReadOnlyDictionary<int, int[]> _adjacency;

    public MazeDifficultyGrader(IReadOnlyDictionary<int, int[]> adjacency) => _adjacency = adjacency;

    public int[] DeadEndDepthHistogram(int maxDepth)
    {
        using var perThread = new ThreadLocal<int[]>(() => new int[maxDepth + 1], trackAllValues: true);

        Parallel.ForEach(_adjacency.Keys, junction =>
        {
            var histogram = perThread.Value!;
            foreach (var depth in DeadEndDepths(junction, maxDepth))
                histogram[depth]++;
        });

        var combined = new int[maxDepth + 1];
        foreach (var histogram in perThread.Values)
        {
            for (int i = 0; i <= maxDepth; i++)
                combined[i] += histogram[i];
        }
        return combined;
    }

    private IEnumerable<int> DeadEndDepths(int start, int maxDepth)
    {
        var visited = new HashSet<int> { start };
        var frontier = new Queue<(int Node, int Depth)>();
        frontier.Enqueue((start, 0));

        while (frontier.Count > 0)
        {
            var (node, depth) = frontier.Dequeue();
            var next = _adjacency.TryGetValue(node, out var n) ? n : Array.Empty<int>();
            var unvisited = next.Where(visited.Add).ToList();

            if (unvisited.Count == 0 && depth > 0)
            {
                yield return depth;
                continue;
            }

            if (depth == maxDepth) continue;
            foreach (var child in unvisited)
                frontier.Enqueue((child, depth + 1));
        }
    }

    public static string Grade(int[] histogram)
    {
        int total = histogram.Sum();
        if (total == 0) return "trivial";
        double deepShare = histogram.Skip(histogram.Length / 2).Sum() / (double)total;
        return deepShare switch
        {
            > 0.5 => "fiendish",
            > 0.25 => "challenging",
            _ => "family",
        };
    }
}
