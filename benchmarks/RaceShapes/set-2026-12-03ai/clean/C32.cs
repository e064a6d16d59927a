namespace Blind35.RiverFerry.Tides;

public sealed record TideReading(DateTime At, double HeightMetres);

/// <summary>
/// Command-line tool that works out safe crossing windows for the chain ferry from the
/// upstream and downstream gauge files. Each gauge file is parsed on its own thread.
/// </summary>
public static class CrossingWindowTool
{
    public static int Main(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: crossing-windows <upstream.csv> <downstream.csv>");
            return 2;
        }

        List<TideReading>? upstream = null;
        List<TideReading>? downstream = null;
        Exception? failure = null;

        var upstreamThread = new Thread(() =>
        {
            try { upstream = Parse(args[0]); }
            catch (Exception ex) { Interlocked.CompareExchange(ref failure, ex, null); }
        }) { Name = "gauge-upstream" };

        var downstreamThread = new Thread(() =>
        {
            try { downstream = Parse(args[1]); }
            catch (Exception ex) { Interlocked.CompareExchange(ref failure, ex, null); }
        }) { Name = "gauge-downstream" };

        upstreamThread.Start();
        downstreamThread.Start();
        upstreamThread.Join();
        downstreamThread.Join();

        if (failure is not null || upstream is null || downstream is null)
        {
            Console.Error.WriteLine($"Could not read gauges: {failure?.Message}");
            return 1;
        }

        foreach (var (from, to) in SafeWindows(upstream, downstream, maxDifferenceMetres: 0.6))
        {
            Console.WriteLine($"{from:HH:mm}-{to:HH:mm}");
        }

        return 0;
    }

    private static List<TideReading> Parse(string path) =>
        File.ReadLines(path)
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(parts => parts.Length >= 2)
            .Select(parts => new TideReading(DateTime.Parse(parts[0]), double.Parse(parts[1])))
            .OrderBy(r => r.At)
            .ToList();

    private static IEnumerable<(DateTime From, DateTime To)> SafeWindows(
        List<TideReading> upstream, List<TideReading> downstream, double maxDifferenceMetres)
    {
        DateTime? start = null;
        var count = Math.Min(upstream.Count, downstream.Count);
        for (var i = 0; i < count; i++)
        {
            var safe = Math.Abs(upstream[i].HeightMetres - downstream[i].HeightMetres) <= maxDifferenceMetres;
            if (safe && start is null)
            {
                start = upstream[i].At;
            }
            else if (!safe && start is not null)
            {
                yield return (start.Value, upstream[i].At);
                start = null;
            }
        }

        if (start is not null && count > 0)
        {
            yield return (start.Value, upstream[count - 1].At);
        }
    }
}
