using Forklift;

namespace Demo.Flagged;

/// <summary>
/// Three more classic mistakes, for the demo's analyzer tour: a plain list filled from Parallel.ForEach, a semaphore
/// released after a wait that may not have taken it, and a [Parallel] method that appends to a static list (in a
/// worker process that list is the worker's own copy, so the caller's list stays empty).
/// </summary>
public static partial class ReportBuilder
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly List<int> Squares = new();

    public static List<string> Render(IEnumerable<int> orders)
    {
        var lines = new List<string>();
        Parallel.ForEach(orders, order => lines.Add($"order {order}")); // expect: FL1002
        return lines;
    }

    public static async Task SaveAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await Gate.WaitAsync(cancellationToken);
            await File.WriteAllTextAsync("report.txt", text, cancellationToken);
        }
        finally
        {
            Gate.Release(); // expect: FL2003
        }
    }

    [Parallel]
    public static void Square(int x) => Squares.Add(x * x); // expect: FL3005
}
