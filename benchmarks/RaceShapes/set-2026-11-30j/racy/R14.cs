namespace Blind10.Tools.LineCount;

public sealed record FileLineStats(string Path, int Lines, int BlankLines, long Bytes);

/// <summary>
/// Implements <c>linecount &lt;directory&gt; [--ext .cs] [--jobs N]</c>: counts lines in every
/// matching file below a directory and prints the largest files.
/// </summary>
public sealed class LineCountCommand
{
    private readonly int _maxDegreeOfParallelism;
    private long _totalBytes;

    public LineCountCommand(int maxDegreeOfParallelism)
    {
        _maxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism);
    }

    public static int Execute(string[] args, TextWriter output)
    {
        if (args.Length == 0)
        {
            output.WriteLine("usage: linecount <directory> [--ext .cs] [--jobs N]");
            return 2;
        }

        string extension = ".cs";
        int jobs = Environment.ProcessorCount;
        for (int i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--ext") extension = args[++i];
            else if (args[i] == "--jobs") jobs = int.Parse(args[++i]);
        }

        return new LineCountCommand(jobs).Run(args[0], extension, output);
    }

    public int Run(string root, string extension, TextWriter output)
    {
        var files = Directory.EnumerateFiles(root, "*" + extension, SearchOption.AllDirectories);

        var stats = files
            .AsParallel()
            .WithDegreeOfParallelism(_maxDegreeOfParallelism)
            .Select(CountFile)
            .OrderByDescending(s => s.Lines)
            .ToList();

        foreach (var s in stats.Take(20))
        {
            output.WriteLine($"{s.Lines,8} {s.BlankLines,8}  {Path.GetRelativePath(root, s.Path)}");
        }

        output.WriteLine($"{stats.Count} files, {stats.Sum(s => s.Lines)} lines, {_totalBytes / 1024} KiB");
        return 0;
    }

    private FileLineStats CountFile(string path)
    {
        int lines = 0;
        int blank = 0;
        foreach (var line in File.ReadLines(path))
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                blank++;
            }
        }

        long bytes = new FileInfo(path).Length;
        _totalBytes += bytes;
        return new FileLineStats(path, lines, blank, bytes);
    }
}
