using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Blind16.Crosswords.Generation;

public sealed record GridTemplate(int Size, bool[,] Blocks);

public sealed record Slot(int Row, int Col, bool Across, int Length);

/// <summary>
/// Finds the word slots in a crossword grid template. The puzzle generator CLI
/// analyses templates of several sizes in parallel.
/// </summary>
public static class SlotFinder
{
    [ThreadStatic]
    private static List<Slot>? t_buffer;

    public static IReadOnlyList<Slot> FindSlots(GridTemplate template)
    {
        var buffer = t_buffer ??= new List<Slot>(128);
        buffer.Clear();

        var n = template.Size;
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                if (template.Blocks[r, c])
                {
                    continue;
                }

                if ((c == 0 || template.Blocks[r, c - 1]) && c + 1 < n && !template.Blocks[r, c + 1])
                {
                    var len = 0;
                    while (c + len < n && !template.Blocks[r, c + len]) len++;
                    buffer.Add(new Slot(r, c, true, len));
                }

                if ((r == 0 || template.Blocks[r - 1, c]) && r + 1 < n && !template.Blocks[r + 1, c])
                {
                    var len = 0;
                    while (r + len < n && !template.Blocks[r + len, c]) len++;
                    buffer.Add(new Slot(r, c, false, len));
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Analyses the daily, weekend and cryptic templates together.
    /// </summary>
    public static (IReadOnlyList<Slot> Daily, IReadOnlyList<Slot> Weekend, IReadOnlyList<Slot> Cryptic) AnalyseEdition(
        GridTemplate daily, GridTemplate weekend, GridTemplate cryptic)
    {
        IReadOnlyList<Slot> d = Array.Empty<Slot>(), w = Array.Empty<Slot>(), c = Array.Empty<Slot>();

        Parallel.Invoke(
            () => d = FindSlots(daily),
            () => w = FindSlots(weekend),
            () => c = FindSlots(cryptic));

        return (d, w, c);
    }

    public static string Describe(IReadOnlyList<Slot> slots) =>
        $"{slots.Count} entries; lengths {string.Join(",", slots.GroupBy(s => s.Length).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Count()}"))}";
}
