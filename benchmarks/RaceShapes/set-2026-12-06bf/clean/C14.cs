using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Blind58.CricketScorecards;

public sealed record BattingLine(string Batter, string HowOut, int Runs, int Balls, int Fours, int Sixes);

public sealed record BowlingLine(string Bowler, double Overs, int Maidens, int Runs, int Wickets);

/// <summary>
/// Per-type column metadata for printing scorecards. The type initialiser runs exactly once
/// per closed type, so each row type's columns are discovered on first use.
/// </summary>
public static class ScorecardColumns<TRow>
{
    public static readonly IReadOnlyList<PropertyInfo> Columns = typeof(TRow)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .OrderBy(p => p.MetadataToken)
        .ToArray();

    public static readonly string Header = string.Join(" | ", Columns.Select(c => c.Name));
}

/// <summary>
/// Prints scorecards for the club website and the scorers' hut printer. Called from request
/// threads and from the end-of-innings job at the same time.
/// </summary>
public sealed class ScorecardPrinter
{
    private static readonly ConcurrentDictionary<(Type, string), string> s_formatCache = new();

    public string Print<TRow>(string title, IEnumerable<TRow> rows)
    {
        var columns = ScorecardColumns<TRow>.Columns;
        var sb = new StringBuilder();
        sb.AppendLine(title).AppendLine(ScorecardColumns<TRow>.Header);
        foreach (var row in rows)
        {
            for (int i = 0; i < columns.Count; i++)
            {
                if (i > 0) sb.Append(" | ");
                sb.Append(Format(columns[i], columns[i].GetValue(row)));
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Format(PropertyInfo column, object? value)
    {
        string format = s_formatCache.GetOrAdd((column.DeclaringType!, column.Name), static key =>
            key.Item2 switch
            {
                "Overs" => "0.0",
                "Runs" or "Balls" or "Wickets" => "0",
                _ => "",
            });

        return value is IFormattable f && format.Length > 0
            ? f.ToString(format, CultureInfo.InvariantCulture)
            : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
    }
}

/// <summary>Prints both halves of a completed innings in parallel.</summary>
public static class InningsReport
{
    public static async Task<string> BuildAsync(ScorecardPrinter printer, IReadOnlyList<BattingLine> batting, IReadOnlyList<BowlingLine> bowling)
    {
        var bat = Task.Run(() => printer.Print("Batting", batting));
        var bowl = Task.Run(() => printer.Print("Bowling", bowling));
        await Task.WhenAll(bat, bowl).ConfigureAwait(false);
        return bat.Result + Environment.NewLine + bowl.Result;
    }
}
