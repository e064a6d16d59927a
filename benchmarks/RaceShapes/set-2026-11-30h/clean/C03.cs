namespace Blind8.Tools.AccessLogStats;

public sealed record AccessLogFileStats(string Path, long Bytes, int Requests, int ServerErrors, int ClientErrors);

public sealed record AccessLogReport(IReadOnlyList<AccessLogFileStats> Files)
{
    public long TotalBytes => Files.Sum(f => f.Bytes);
    public int TotalRequests => Files.Sum(f => f.Requests);
    public int TotalServerErrors => Files.Sum(f => f.ServerErrors);
}

/// <summary>
/// Summarises nginx-style access logs: requests and error responses per file.
/// Backs the `ops access-stats` command.
/// </summary>
public sealed class AccessLogAnalyzer
{
    private readonly int _statusColumn;

    public AccessLogAnalyzer(int statusColumn = 8)
    {
        _statusColumn = statusColumn;
    }

    public AccessLogReport Analyze(IEnumerable<string> paths)
    {
        var files = paths
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Select(AnalyzeFile)
            .OrderByDescending(f => f.ServerErrors)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToList();

        return new AccessLogReport(files);
    }

    private AccessLogFileStats AnalyzeFile(string path)
    {
        int requests = 0, serverErrors = 0, clientErrors = 0;
        foreach (var line in File.ReadLines(path))
        {
            requests++;
            var status = ReadStatus(line);
            if (status >= 500)
            {
                serverErrors++;
            }
            else if (status >= 400)
            {
                clientErrors++;
            }
        }

        var bytes = new FileInfo(path).Length;
        return new AccessLogFileStats(path, bytes, requests, serverErrors, clientErrors);
    }

    private int ReadStatus(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > _statusColumn && int.TryParse(parts[_statusColumn], out var status) ? status : 0;
    }

    public static void Print(AccessLogReport report, TextWriter output)
    {
        output.WriteLine($"{report.Files.Count} files, {report.TotalBytes / (1024 * 1024)} MiB, {report.TotalRequests} requests");
        output.WriteLine($"5xx responses: {report.TotalServerErrors}");
        foreach (var file in report.Files.Take(10))
        {
            output.WriteLine($"  {file.ServerErrors,6} 5xx  {file.ClientErrors,6} 4xx  {file.Path}");
        }
    }
}
