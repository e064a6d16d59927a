using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Contoso.Tools.TodoScan
{
    public sealed record TodoItem(string File, int Line, string Tag, string Text);

    /// <summary>
    /// Scans a repository for TODO/FIXME/HACK markers.
    /// Usage: todoscan &lt;root&gt; [--parallel N]
    /// </summary>
    public static class TodoScanner
    {
        // Compiled patterns per comment syntax; building them is relatively costly.
        private static readonly ConcurrentDictionary<string, Regex> PatternByCommentSyntax = new(StringComparer.Ordinal);

        public static List<TodoItem> Scan(string root, int parallelism)
        {
            return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                .AsParallel()
                .WithDegreeOfParallelism(parallelism)
                .SelectMany(ScanFile)
                .OrderBy(t => t.File, StringComparer.Ordinal)
                .ThenBy(t => t.Line)
                .ToList();
        }

        private static IEnumerable<TodoItem> ScanFile(string path)
        {
            var syntax = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".cs" or ".ts" or ".js" or ".java" or ".go" => "//",
                ".py" or ".ps1" or ".sh" or ".yml" => "#",
                ".sql" => "--",
                _ => null,
            };
            if (syntax is null)
            {
                return Array.Empty<TodoItem>();
            }

            var pattern = PatternByCommentSyntax.GetOrAdd(syntax, static s =>
                new Regex(Regex.Escape(s) + @"\s*(TODO|FIXME|HACK)\b[:\s]*(.*)$", RegexOptions.Compiled | RegexOptions.CultureInvariant));

            var results = new List<TodoItem>();
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                var match = pattern.Match(line);
                if (match.Success)
                {
                    results.Add(new TodoItem(path, lineNumber, match.Groups[1].Value, match.Groups[2].Value.Trim()));
                }
            }
            return results;
        }

        public static int Main(string[] args)
        {
            if (args.Length < 1)
            {
                Console.Error.WriteLine("usage: todoscan <root> [--parallel N]");
                return 2;
            }

            var parallel = Environment.ProcessorCount;
            for (var i = 1; i < args.Length - 1; i++)
            {
                if (args[i] == "--parallel")
                {
                    parallel = int.Parse(args[i + 1]);
                }
            }

            foreach (var item in Scan(args[0], parallel))
            {
                Console.WriteLine($"{item.File}:{item.Line}: {item.Tag} {item.Text}");
            }
            return 0;
        }
    }
}
