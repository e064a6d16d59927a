using System.Text;

namespace Museum.Transcripts;

public sealed record TranscriptLine(TimeSpan At, string Speaker, string Text);

public sealed record ExhibitScript(int ExhibitNumber, string Title, IReadOnlyList<TranscriptLine> Lines);

/// <summary>
/// Renders audio-guide scripts as large-print transcripts for visitors who request them.
/// </summary>
public static class TranscriptFormatter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Format(ExhibitScript script, int wrapColumn)
    {
        var sb = t_builder ??= new StringBuilder(4096);
        sb.Clear();

        sb.Append(script.ExhibitNumber).Append(". ").AppendLine(script.Title.ToUpperInvariant());
        sb.AppendLine();
        foreach (var line in script.Lines)
        {
            sb.Append('[').Append(line.At.ToString(@"mm\:ss")).Append("] ").Append(line.Speaker).Append(": ");
            var column = 0;
            foreach (var word in line.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (column + word.Length > wrapColumn)
                {
                    sb.AppendLine().Append("        ");
                    column = 0;
                }

                sb.Append(word).Append(' ');
                column += word.Length + 1;
            }

            sb.AppendLine();
        }

        var text = sb.ToString();
        if (sb.Capacity > 64 * 1024)
        {
            t_builder = null;
        }

        return text;
    }

    public static IReadOnlyDictionary<int, string> FormatAll(IEnumerable<ExhibitScript> scripts, int wrapColumn)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        Parallel.ForEach(scripts, script => results[script.ExhibitNumber] = Format(script, wrapColumn));
        return results;
    }
}
