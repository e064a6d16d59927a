using System.Text;

namespace Blind42.TapestryWeaving.Cartoons;

public sealed record CartoonRow(int Index, IReadOnlyList<int> ColourIndices);

/// <summary>
/// Converts a woven tapestry cartoon into per-row weaving instructions ("3 madder, 5 weld, ...").
/// Each worker thread reuses its own scratch builder.
/// </summary>
public sealed class CartoonInstructionWriter : IDisposable
{
    private readonly IReadOnlyList<string> _palette;
    private readonly ThreadLocal<StringBuilder> _scratch = new(() => new StringBuilder(512), trackAllValues: true);

    public CartoonInstructionWriter(IReadOnlyList<string> palette) => _palette = palette;

    public string[] WriteAll(IReadOnlyList<CartoonRow> rows)
    {
        var output = new string[rows.Count];
        Parallel.For(0, rows.Count, i => output[i] = WriteRow(rows[i]));
        return output;
    }

    private string WriteRow(CartoonRow row)
    {
        var sb = _scratch.Value!;
        sb.Clear();
        sb.Append("row ").Append(row.Index).Append(": ");

        var run = 0;
        var current = -1;
        foreach (var colour in row.ColourIndices)
        {
            if (colour == current)
            {
                run++;
                continue;
            }

            AppendRun(sb, run, current);
            current = colour;
            run = 1;
        }
        AppendRun(sb, run, current);
        return sb.ToString().TrimEnd(',', ' ');
    }

    private void AppendRun(StringBuilder sb, int run, int colour)
    {
        if (run == 0)
        {
            return;
        }
        sb.Append(run).Append(' ').Append(colour >= 0 && colour < _palette.Count ? _palette[colour] : "?").Append(", ");
    }

    /// <summary>Total scratch capacity held across worker threads, for the diagnostics log.</summary>
    public int ScratchCapacityAfterRun() => _scratch.Values.Sum(sb => sb.Capacity);

    public void Dispose() => _scratch.Dispose();
}

/// <summary>Command-line wrapper: cartoon CSV in, instruction sheet out.</summary>
public static class CartoonCommand
{
    public static void Run(string cartoonCsv, string outputPath, IReadOnlyList<string> palette)
    {
        var rows = File.ReadLines(cartoonCsv)
            .Select((line, i) => new CartoonRow(i + 1, line.Split(',').Select(int.Parse).ToArray()))
            .ToList();

        using var writer = new CartoonInstructionWriter(palette);
        var lines = writer.WriteAll(rows);
        File.WriteAllLines(outputPath, lines);
        Console.Error.WriteLine($"{lines.Length} rows, scratch {writer.ScratchCapacityAfterRun()} chars");
    }
}
