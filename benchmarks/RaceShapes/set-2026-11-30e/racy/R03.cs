namespace LogTool.Commands;

public sealed record FileScanResult(string Path, int ErrorLines, int WarningLines);

public sealed record ScanSummary(int FilesScanned, int ErrorLines, int WarningLines, IReadOnlyList<string> Unreadable);

/// <summary>
/// Implements <c>logtool scan &lt;dir&gt; --pattern *.log --jobs N</c>: counts error and
/// warning lines across every matching file below a directory.
/// </summary>
public sealed class ScanCommand
{
    private readonly List<string> _unreadable = new();
    private readonly string[] _errorMarkers;
    private readonly string[] _warningMarkers;

    public ScanCommand(IEnumerable<string>? errorMarkers = null, IEnumerable<string>? warningMarkers = null)
    {
        _errorMarkers = (errorMarkers ?? new[] { " ERROR ", "[ERR]", " FATAL " }).ToArray();
        _warningMarkers = (warningMarkers ?? new[] { " WARN ", "[WRN]" }).ToArray();
    }

    public ScanSummary Run(string directory, string pattern, int jobs)
    {
        var files = Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories).ToList();

        var results = files
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, jobs))
            .Select(ScanFile)
            .Where(r => r is not null)
            .Select(r => r!)
            .ToList();

        return new ScanSummary(
            results.Count,
            results.Sum(r => r.ErrorLines),
            results.Sum(r => r.WarningLines),
            _unreadable.OrderBy(x => x, StringComparer.Ordinal).ToArray());
    }

    private FileScanResult? ScanFile(string path)
    {
        try
        {
            int errors = 0;
            int warnings = 0;

            foreach (var line in File.ReadLines(path))
            {
                if (ContainsAny(line, _errorMarkers))
                {
                    errors++;
                }
                else if (ContainsAny(line, _warningMarkers))
                {
                    warnings++;
                }
            }

            return new FileScanResult(path, errors, warnings);
        }
        catch (IOException ex)
        {
            ReportUnreadable(path, ex);
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            ReportUnreadable(path, ex);
            return null;
        }
    }

    private void ReportUnreadable(string path, Exception ex)
    {
        _unreadable.Add($"{path}: {ex.GetType().Name}: {ex.Message}");
    }

    private static bool ContainsAny(string line, string[] markers)
    {
        foreach (var marker in markers)
        {
            if (line.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
