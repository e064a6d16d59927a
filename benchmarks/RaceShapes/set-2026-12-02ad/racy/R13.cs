using System.Text;

namespace Blind30.LighthouseArchive;

public sealed record KeeperLogEntry(string Station, DateTime Timestamp, string Keeper, string Weather, string Remarks);

/// <summary>
/// Formats keeper log entries for the archive's plain-text export. Called from the
/// export job's parallel workers and from the search API.
/// </summary>
public static class LogEntryFormatter
{
    private const int MaxCachedCapacity = 1024;
    private static StringBuilder? s_cachedBuilder;

    public static string Format(KeeperLogEntry entry)
    {
        var sb = Acquire();
        sb.Append(entry.Timestamp.ToString("yyyy-MM-dd HH:mm"));
        sb.Append(" | ").Append(entry.Station.PadRight(20));
        sb.Append(" | ").Append(entry.Keeper.PadRight(16));
        sb.Append(" | ").Append(entry.Weather);
        if (!string.IsNullOrWhiteSpace(entry.Remarks))
        {
            sb.Append(" | ").Append(entry.Remarks.Replace('\n', ' '));
        }

        return Release(sb);
    }

    private static StringBuilder Acquire()
    {
        var sb = s_cachedBuilder;
        if (sb != null)
        {
            s_cachedBuilder = null;
            sb.Clear();
            return sb;
        }

        return new StringBuilder(256);
    }

    private static string Release(StringBuilder sb)
    {
        var text = sb.ToString();
        if (sb.Capacity <= MaxCachedCapacity)
        {
            s_cachedBuilder = sb;
        }

        return text;
    }
}

/// <summary>Exports a station's log to a text file.</summary>
public static class StationExport
{
    public static void Export(IReadOnlyList<KeeperLogEntry> entries, string path)
    {
        var lines = new string[entries.Count];
        Parallel.For(0, entries.Count, i => lines[i] = LogEntryFormatter.Format(entries[i]));
        File.WriteAllLines(path, lines);
    }
}
