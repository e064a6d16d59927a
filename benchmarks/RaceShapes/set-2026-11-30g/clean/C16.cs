namespace LocTool.Analysis;

public sealed record SourceFileInfo(string Path, int Lines, int CodeLines, long Bytes);

public sealed record TreeSummary(int Files, long Lines, long CodeLines, long Bytes, IReadOnlyList<SourceFileInfo> Largest);

/// <summary>
/// Scans a directory tree and summarises source files. File reads run in parallel
/// through PLINQ; totals are produced by the query itself.
/// </summary>
public static class SourceTreeScanner
{
    public static TreeSummary Scan(string root, IReadOnlyCollection<string> extensions, CancellationToken ct = default)
    {
        var wanted = new HashSet<string>(extensions, StringComparer.OrdinalIgnoreCase);

        List<SourceFileInfo> infos = Directory
            .EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => wanted.Contains(Path.GetExtension(path)))
            .AsParallel()
            .WithCancellation(ct)
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Select(Measure)
            .ToList();

        long lines = infos.Sum(i => (long)i.Lines);
        long code = infos.Sum(i => (long)i.CodeLines);
        long bytes = infos.AsParallel().Aggregate(
            seed: 0L,
            updateAccumulatorFunc: (acc, info) => acc + info.Bytes,
            combineAccumulatorsFunc: (a, b) => a + b,
            resultSelector: total => total);

        var largest = infos.OrderByDescending(i => i.Lines).Take(10).ToList();
        return new TreeSummary(infos.Count, lines, code, bytes, largest);
    }

    private static SourceFileInfo Measure(string path)
    {
        int lines = 0;
        int code = 0;
        bool inBlockComment = false;

        foreach (var raw in File.ReadLines(path))
        {
            lines++;
            var line = raw.Trim();
            if (line.Length == 0)
                continue;

            if (inBlockComment)
            {
                if (line.Contains("*/"))
                    inBlockComment = false;
                continue;
            }

            if (line.StartsWith("/*"))
            {
                inBlockComment = !line.Contains("*/");
                continue;
            }

            if (!line.StartsWith("//"))
                code++;
        }

        return new SourceFileInfo(path, lines, code, new FileInfo(path).Length);
    }
}
