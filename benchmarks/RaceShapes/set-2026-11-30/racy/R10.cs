using System.Collections.Concurrent;
using System.Globalization;

namespace Blind.R10;

public readonly record struct AccessLogEntry(string Method, string Path, int Status, double DurationMs);

/// <summary>
/// Produces per-route hit counts from web server access logs.
/// </summary>
public sealed class AccessLogAnalyzer
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<int, byte> _statusesSeen = new();

    public IReadOnlyDictionary<string, int> Hits => _hits;

    public IEnumerable<int> StatusesSeen => _statusesSeen.Keys.OrderBy(s => s);

    public void Analyze(IEnumerable<string> logFiles)
    {
        var lines = logFiles.SelectMany(File.ReadLines);

        Parallel.ForEach(lines, line =>
        {
            if (!TryParse(line, out var entry))
            {
                return;
            }

            string route = entry.Method + " " + NormalizeRoute(entry.Path);
            _hits.TryGetValue(route, out int current);
            _hits[route] = current + 1;
            _statusesSeen.TryAdd(entry.Status, 0);
        });
    }

    private static string NormalizeRoute(string path)
    {
        int query = path.IndexOf('?');
        if (query >= 0)
        {
            path = path[..query];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.All(char.IsDigit) ? "{id}" : s);
        return "/" + string.Join('/', segments);
    }

    // Format: <method> <path> <status> <duration-ms>
    private static bool TryParse(string line, out AccessLogEntry entry)
    {
        entry = default;
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4
            || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int status)
            || !double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
        {
            return false;
        }

        entry = new AccessLogEntry(parts[0], parts[1], status, ms);
        return true;
    }
}
