using System.Text;

namespace Blind40.Letterpress.Proofs;

public sealed record PrintJob(string Title, string Typeface, int PointSize, IReadOnlyList<string> Lines);

public interface IFontMetrics
{
    /// <summary>Measures a line in points; may need to load the face from the type library.</summary>
    ValueTask<double> MeasureAsync(string text, string typeface, int pointSize, CancellationToken ct);
}

/// <summary>
/// Produces the plain-text proof sheet that accompanies every letterpress job:
/// each line of copy with its measured width and how far it runs over the chase.
/// Called from the order service for many jobs at once.
/// </summary>
public static class ProofSheetFormatter
{
    private const double ChaseWidthPoints = 432;

    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static StringBuilder AcquireBuilder()
    {
        var builder = t_builder ??= new StringBuilder(2048);
        builder.Clear();
        return builder;
    }

    public static async Task<string> FormatAsync(PrintJob job, IFontMetrics metrics, CancellationToken ct)
    {
        var sb = AcquireBuilder();
        sb.Append("PROOF: ").AppendLine(job.Title);
        sb.Append(job.Typeface).Append(' ').Append(job.PointSize).AppendLine("pt");
        sb.AppendLine(new string('-', 60));

        int overset = 0;
        foreach (var line in job.Lines)
        {
            double width = await metrics.MeasureAsync(line, job.Typeface, job.PointSize, ct).ConfigureAwait(false);
            bool over = width > ChaseWidthPoints;
            if (over)
            {
                overset++;
            }

            sb.Append(line.PadRight(48)).Append(width.ToString("F1").PadLeft(8)).AppendLine(over ? "  OVERSET" : string.Empty);
        }

        sb.AppendLine(new string('-', 60));
        sb.Append(overset).AppendLine(" line(s) overset");
        return sb.ToString();
    }
}

/// <summary>Formats proofs for every job in the day's queue.</summary>
public sealed class ProofBatch
{
    private readonly IFontMetrics _metrics;

    public ProofBatch(IFontMetrics metrics) => _metrics = metrics;

    public async Task<IReadOnlyList<string>> FormatAllAsync(IEnumerable<PrintJob> jobs, CancellationToken ct)
    {
        var tasks = jobs.Select(job => Task.Run(() => ProofSheetFormatter.FormatAsync(job, _metrics, ct), ct)).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
