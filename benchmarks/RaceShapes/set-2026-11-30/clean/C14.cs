using System.Text;

namespace Blind.C14;

public sealed record ShardSummary(string Shard, int Rows, IReadOnlyDictionary<string, int> ErrorsByCode, string Preview);

/// <summary>
/// Summarises exported CSV shards. Each shard is processed on its own task and the
/// per-shard summaries are combined at the end.
/// </summary>
public static class ShardSummarizer
{
    public static async Task<IReadOnlyList<ShardSummary>> SummarizeAsync(IEnumerable<string> shardPaths, CancellationToken ct)
    {
        var tasks = shardPaths.Select(path => Task.Run(() => SummarizeShard(path, ct), ct)).ToList();
        var summaries = await Task.WhenAll(tasks).ConfigureAwait(false);
        return summaries.OrderBy(s => s.Shard, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyDictionary<string, int> MergeErrors(IEnumerable<ShardSummary> summaries)
    {
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var summary in summaries)
        {
            foreach (var (code, count) in summary.ErrorsByCode)
            {
                merged[code] = merged.GetValueOrDefault(code) + count;
            }
        }
        return merged;
    }

    private static ShardSummary SummarizeShard(string path, CancellationToken ct)
    {
        // Per-shard accumulators.
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var preview = new StringBuilder();
        int rows = 0;

        foreach (var line in File.ReadLines(path))
        {
            ct.ThrowIfCancellationRequested();
            rows++;

            var columns = line.Split(',');
            if (columns.Length > 3 && columns[2] == "error")
            {
                errors[columns[3]] = errors.GetValueOrDefault(columns[3]) + 1;
            }

            if (rows <= 3)
            {
                preview.AppendLine(line);
            }
        }

        return new ShardSummary(Path.GetFileName(path), rows, errors, preview.ToString());
    }
}
