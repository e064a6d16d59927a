using System.Text;

namespace Contoso.Tools.LineCount
{
    public sealed record FileStats(string Path, int Lines, int BlankLines, int CommentLines);

    /// <summary>
    /// Counts lines of code for a source tree. Usage: linecount &lt;root&gt; [--jobs N]
    /// </summary>
    public static class LineCounter
    {
        private static readonly Dictionary<string, string?> CommentPrefixByExtension = new(StringComparer.OrdinalIgnoreCase);

        public static IReadOnlyList<FileStats> CountTree(string root, int jobs)
        {
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}"));

            return files
                .AsParallel()
                .WithDegreeOfParallelism(jobs)
                .Select(CountFile)
                .Where(s => s is not null)
                .Select(s => s!)
                .OrderBy(s => s.Path, StringComparer.Ordinal)
                .ToList();
        }

        private static FileStats? CountFile(string path)
        {
            var prefix = GetCommentPrefix(Path.GetExtension(path));
            if (prefix is null)
            {
                return null;
            }

            int lines = 0, blank = 0, comments = 0;
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                lines++;
                var trimmed = line.AsSpan().Trim();
                if (trimmed.IsEmpty)
                {
                    blank++;
                }
                else if (trimmed.StartsWith(prefix, StringComparison.Ordinal))
                {
                    comments++;
                }
            }
            return new FileStats(path, lines, blank, comments);
        }

        private static string? GetCommentPrefix(string extension)
        {
            if (CommentPrefixByExtension.TryGetValue(extension, out var cached))
            {
                return cached;
            }

            string? prefix = extension.ToLowerInvariant() switch
            {
                ".cs" or ".java" or ".js" or ".ts" or ".go" or ".c" or ".cpp" or ".h" or ".rs" => "//",
                ".py" or ".sh" or ".rb" or ".yml" or ".yaml" or ".toml" => "#",
                ".sql" or ".lua" => "--",
                ".vb" => "'",
                _ => null,
            };

            CommentPrefixByExtension[extension] = prefix;
            return prefix;
        }

        public static int Main(string[] args)
        {
            if (args.Length == 0)
            {
                Console.Error.WriteLine("usage: linecount <root> [--jobs N]");
                return 2;
            }

            var jobs = Environment.ProcessorCount;
            var jobsIndex = Array.IndexOf(args, "--jobs");
            if (jobsIndex >= 0 && jobsIndex + 1 < args.Length)
            {
                jobs = int.Parse(args[jobsIndex + 1]);
            }

            var stats = CountTree(args[0], jobs);
            foreach (var s in stats)
            {
                Console.WriteLine($"{s.Lines,8} {s.BlankLines,8} {s.CommentLines,8}  {s.Path}");
            }
            Console.WriteLine($"{stats.Sum(s => s.Lines),8} total in {stats.Count} files");
            return 0;
        }
    }
}
