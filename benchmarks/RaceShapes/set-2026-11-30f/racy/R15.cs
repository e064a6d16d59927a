namespace LineCount.Cli;

public sealed record FileStats(string Path, int Lines, int BlankLines);

/// <summary>
/// Implements the <c>loc</c> command: counts lines in every matching file
/// under a directory and prints the largest ones.
/// </summary>
public static class CountCommand
{
    private static readonly string[] ExcludedDirectories = { "bin", "obj", ".git", "node_modules" };

    public static int Run(string root, string pattern, int top)
    {
        if (!Directory.Exists(root))
        {
            Console.Error.WriteLine($"Directory not found: {root}");
            return 2;
        }

        var files = Directory
            .EnumerateFiles(root, pattern, SearchOption.AllDirectories)
            .Where(path => !IsExcluded(root, path))
            .ToList();

        long totalBytes = 0;
        var results = files
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(path =>
            {
                var info = new FileInfo(path);
                totalBytes += info.Length;
                return CountLines(path);
            })
            .OrderByDescending(stats => stats.Lines)
            .ToList();

        foreach (var stats in results.Take(top))
        {
            Console.WriteLine($"{stats.Lines,8} {stats.BlankLines,8}  {Path.GetRelativePath(root, stats.Path)}");
        }

        Console.WriteLine();
        Console.WriteLine($"{results.Count} files, {results.Sum(r => r.Lines)} lines, {totalBytes / 1024.0:F1} KiB");
        return 0;
    }

    private static FileStats CountLines(string path)
    {
        var lines = 0;
        var blank = 0;
        foreach (var line in File.ReadLines(path))
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                blank++;
            }
        }

        return new FileStats(path, lines, blank);
    }

    private static bool IsExcluded(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        var segments = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return segments.Any(segment => ExcludedDirectories.Contains(segment, StringComparer.OrdinalIgnoreCase));
    }
}
