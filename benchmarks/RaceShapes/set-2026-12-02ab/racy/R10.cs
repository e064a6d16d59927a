using System.Globalization;
using System.Text;

namespace Blind28.Letterpress.Imposition;

public sealed record Page(int Number, string Forme, bool Verso);

public sealed record Sheet(string JobCode, int SheetNumber, IReadOnlyList<Page> Pages, string Paper);

/// <summary>
/// Formats imposition sheets as the plain-text job tickets that go to the press room.
/// Used by the batch renderer and by the studio's order page.
/// </summary>
public static class ImpositionFormatter
{
    private static readonly StringBuilder Ticket = new(512);

    public static string FormatSheet(Sheet sheet)
    {
        Ticket.Clear();
        Ticket.Append("JOB ").Append(sheet.JobCode).Append(" / SHEET ").Append(sheet.SheetNumber).AppendLine();
        Ticket.Append("Paper: ").AppendLine(sheet.Paper);

        foreach (var forme in sheet.Pages.GroupBy(p => p.Forme).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Ticket.Append("  Forme ").Append(forme.Key).Append(": ");
            var first = true;
            foreach (var page in forme.OrderBy(p => p.Number))
            {
                if (!first)
                {
                    Ticket.Append(", ");
                }

                Ticket.Append(page.Number.ToString(CultureInfo.InvariantCulture));
                if (page.Verso)
                {
                    Ticket.Append('v');
                }

                first = false;
            }

            Ticket.AppendLine();
        }

        return Ticket.ToString();
    }
}

/// <summary>Writes a ticket file for every sheet of a set of jobs.</summary>
public sealed class TicketBatchRenderer
{
    private readonly string _outputDirectory;

    public TicketBatchRenderer(string outputDirectory)
    {
        _outputDirectory = outputDirectory;
    }

    public int RenderAll(IEnumerable<Sheet> sheets)
    {
        Directory.CreateDirectory(_outputDirectory);
        var written = 0;
        Parallel.ForEach(sheets, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, sheet =>
        {
            var text = ImpositionFormatter.FormatSheet(sheet);
            var path = Path.Combine(_outputDirectory, $"{sheet.JobCode}-{sheet.SheetNumber:D3}.txt");
            File.WriteAllText(path, text);
            Interlocked.Increment(ref written);
        });
        return written;
    }
}
