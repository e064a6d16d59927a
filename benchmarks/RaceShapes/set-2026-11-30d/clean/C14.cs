using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Blind4.Clean.Tools.LogScan;

public sealed record ScanSummary(int Files, long Lines, IReadOnlyDictionary<string, long> LinesByLevel);

/// <summary>
/// Backs the "logscan" command: walks a directory tree and counts lines per severity level.
/// </summary>
public sealed class LogDirectoryScanner
{
    private static readonly Regex LevelPattern = new(@"\b(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\b", RegexOptions.Compiled);

    private readonly ConcurrentDictionary<string, long> _linesByLevel = new(StringComparer.OrdinalIgnoreCase);
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
            var perLevel = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            using var reader = new StreamReader(path);
            while (await reader.ReadLineAsync(token).ConfigureAwait(false) is { } line)
            {
                lines++;
                var match = LevelPattern.Match(line);
                if (match.Success)
                {
                    perLevel[match.Value] = perLevel.GetValueOrDefault(match.Value) + 1;
                }
            }

            RecordFile(lines, perLevel);
        }).ConfigureAwait(false);

        return new ScanSummary(
            Volatile.Read(ref _filesScanned),
            Interlocked.Read(ref _linesScanned),
            new Dictionary<string, long>(_linesByLevel));
    }

    private void RecordFile(int lines, Dictionary<string, long> perLevel)
    {
        Interlocked.Increment(ref _filesScanned);
        Interlocked.Add(ref _linesScanned, lines);
        foreach (var (level, count) in perLevel)
        {
            _linesByLevel.AddOrUpdate(level, count, (_, existing) => existing + count);
        }
    }
}
