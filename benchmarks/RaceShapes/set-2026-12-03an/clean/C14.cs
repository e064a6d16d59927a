using System.Text;

namespace Blind40.Letterpress.Imposition;

public sealed record Forme(string JobName, int Pages, IReadOnlyList<string> Captions);

public interface ISortInventory
{
    /// <summary>Checks with the type cabinet service how many sorts of each character are in stock.</summary>
    Task<IReadOnlyDictionary<char, int>> GetStockAsync(string typeface, CancellationToken ct);
}

/// <summary>
/// Writes the imposition slip that goes to the compositor's bench. Called by
/// the order service for many jobs at once; slips are built with a cached
/// per-thread StringBuilder to avoid allocating one per job.
/// </summary>
public static class ImpositionSlipWriter
{
    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static async Task<string> WriteAsync(Forme forme, string typeface, ISortInventory inventory, CancellationToken ct)
    {
        var stock = await inventory.GetStockAsync(typeface, ct).ConfigureAwait(false);

        var shortfalls = new List<(char Sort, int Needed, int InStock)>();
        var needed = forme.Captions
            .SelectMany(c => c)
            .Where(ch => !char.IsWhiteSpace(ch))
            .GroupBy(ch => ch)
            .ToDictionary(g => g.Key, g => g.Count());

        foreach (var (sort, count) in needed)
        {
            int available = stock.TryGetValue(sort, out var n) ? n : 0;
            if (available < count)
            {
                shortfalls.Add((sort, count, available));
            }
        }

        return Render(forme, typeface, shortfalls);
    }

    private static string Render(Forme forme, string typeface, List<(char Sort, int Needed, int InStock)> shortfalls)
    {
        var sb = t_cached ?? new StringBuilder(1024);
        t_cached = null;

        sb.Append("IMPOSITION: ").AppendLine(forme.JobName);
        sb.Append(forme.Pages).Append(" pp, ").AppendLine(typeface);
        foreach (var (sort, need, have) in shortfalls)
        {
            sb.Append("  short '").Append(sort).Append("': need ").Append(need).Append(", have ").Append(have).AppendLine();
        }

        string text = sb.ToString();
        sb.Clear();
        if (sb.Capacity <= 8192)
        {
            t_cached = sb;
        }
        return text;
    }
}
