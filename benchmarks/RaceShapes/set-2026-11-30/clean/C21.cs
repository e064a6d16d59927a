namespace Blind.C21;

/// <summary>
/// Resolves well-known port numbers to service names. Consulted by the connection
/// logger for every accepted socket, from many threads.
/// </summary>
public static class ServiceNameTable
{
    private static readonly object Sync = new();
    private static volatile Dictionary<int, string>? _table;

    public static string Describe(int port)
    {
        var table = _table ?? EnsureLoaded();
        return table.TryGetValue(port, out var name) ? $"{name} ({port})" : port.ToString();
    }

    private static Dictionary<int, string> EnsureLoaded()
    {
        lock (Sync)
        {
            var existing = _table;
            if (existing != null)
            {
                return existing;
            }

            var table = new Dictionary<int, string>
            {
                [22] = "ssh",
                [25] = "smtp",
                [53] = "dns",
                [80] = "http",
                [443] = "https",
                [5432] = "postgres",
                [6379] = "redis",
            };

            // Optional "/etc/services"-style file with extra entries.
            var path = Environment.GetEnvironmentVariable("SERVICE_NAMES_FILE");
            if (!string.IsNullOrEmpty(path) && File.Exists(path))
            {
                foreach (var line in File.ReadLines(path))
                {
                    var parts = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length >= 2 && int.TryParse(parts[1].Split('/')[0], out var port))
                    {
                        table[port] = parts[0];
                    }
                }
            }

            _table = table;
            return table;
        }
    }
}
