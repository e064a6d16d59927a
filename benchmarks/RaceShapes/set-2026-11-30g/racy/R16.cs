using System.Collections.Concurrent;

namespace LocTool.Cli;

public sealed record FileStats(string Path, int Lines, int BlankLines, int CommentLines, long Bytes);

/// <summary>
/// Command-line line counter: walks a source tree and counts lines per file,
/// reading files in parallel.
/// </summary>
public sealed class LineCounter
{
    private static readonly string[] DefaultExtensions = { ".cs", ".fs", ".vb", ".ts", ".js", ".py" };

    private readonly ConcurrentBag<FileStats> _results = new();
    private readonly HashSet<string> _extensions;
    private long _totalBytes;

    public LineCounter(IEnumerable<string>? extensions = null)
    {
        _extensions = new HashSet<string>(extensions ?? DefaultExtensions, StringComparer.OrdinalIgnoreCase);
    }

    public static int Main(string[] args)
    {
        var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
        var counter = new LineCounter();
        counter.Run(root);
        counter.PrintSummary();
        return 0;
    }

    public void Run(string root)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => _extensions.Contains(Path.GetExtension(f)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));

        files.AsParallel()
             .WithDegreeOfParallelism(Environment.ProcessorCount)
             .ForAll(CountFile);
    }

    private void CountFile(string path)
    {
        int lines = 0, blank = 0, comments = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lines++;
            var line = raw.TrimStart();
            if (line.Length == 0)
                blank++;
            else if (line.StartsWith("//") || line.StartsWith('#'))
                comments++;
        }

        var bytes = new FileInfo(path).Length;
        Record(new FileStats(path, lines, blank, comments, bytes));
    }

    private void Record(FileStats stats)
    {
        _results.Add(stats);
        _totalBytes += stats.Bytes;
    }

    public void PrintSummary()
    {
        var all = _results.OrderByDescending(r => r.Lines).ToList();
        foreach (var r in all.Take(20))
            Console.WriteLine($"{r.Lines,8} {r.Path}");

        Console.WriteLine(new string('-', 40));
        Console.WriteLine($"{all.Count} files, {all.Sum(r => r.Lines)} lines, {all.Sum(r => r.CommentLines)} comment lines");
        Console.WriteLine($"{_totalBytes / 1024.0:F1} KiB total");
    }
}
