using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Blind4.Tools.LogScan;

public sealed record ScanSummary(int Files, long Lines, long ErrorLines, IReadOnlyDictionary<string, int> ErrorsByFile);

/// <summary>
/// Backs the "logscan" command: walks a directory tree and counts error lines per file.
/// </summary>
public sealed class LogDirectoryScanner
{
    private static readonly Regex ErrorPattern = new(@"\b(ERROR|FATAL|CRITICAL)\b", RegexOptions.Compiled);

    private readonly ConcurrentDictionary<string, int> _errorsByFile = new(StringComparer.OrdinalIgnoreCase);
    private int _filesScanned;
    private long _linesScanned;

    public async Task<ScanSummary> ScanAsync(string root, int maxParallelism, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(root, "*.log", SearchOption.AllDirectories);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxParallelism,
            CancellationToken = cancellationToken,
        };

        await Parallel.ForEachAsync(files, options, async (path, token) =>
        {
            var lines = 0;
            var errors = 0;
            using var reader = new StreamReader(path);
            while (await reader.ReadLineAsync(token).ConfigureAwait(false) is { } line)
            {
                lines++;
                if (ErrorPattern.IsMatch(line))
                {
                    errors++;
                }
            }

            RecordFile(path, lines, errors);
        }).ConfigureAwait(false);

        var errorLines = _errorsByFile.Values.Sum(n => (long)n);
        return new ScanSummary(Volatile.Read(ref _filesScanned), _linesScanned, errorLines,
            new Dictionary<string, int>(_errorsByFile));
    }

    private void RecordFile(string path, int lines, int errors)
    {
        Interlocked.Increment(ref _filesScanned);
        _linesScanned += lines;
        if (errors > 0)
        {
            _errorsByFile[path] = errors;
        }
    }
}
