using System.Globalization;
using System.Text;

namespace Blind28.Letterpress.Proofs;

public sealed record ProofLine(string Typeface, int PointSize, string Text, bool Italic);

/// <summary>
/// Builds the proof sheets sent to clients for approval before a job goes on the press.
/// Proof rendering for a whole order is spread across the thread pool.
/// </summary>
public static class ProofSheetWriter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Render(string jobCode, IReadOnlyList<ProofLine> lines)
    {
        var sb = t_builder ??= new StringBuilder(1024);
        sb.Clear();

        sb.Append("PROOF — ").AppendLine(jobCode);
        sb.AppendLine(new string('-', 40));
        foreach (var line in lines)
        {
            sb.Append(line.Typeface)
              .Append(' ')
              .Append(line.PointSize.ToString(CultureInfo.InvariantCulture))
              .Append("pt");
            if (line.Italic)
            {
                sb.Append(" ital.");
            }

            sb.Append(" | ").AppendLine(line.Text);
        }

        sb.AppendLine(new string('-', 40));
        sb.Append("Approve by signing and returning this sheet.");
        var result = sb.ToString();

        if (sb.Capacity > 64 * 1024)
        {
            t_builder = null;
        }

        return result;
    }
}

public sealed class OrderProofRenderer
{
    public IReadOnlyDictionary<string, string> RenderOrder(IReadOnlyDictionary<string, IReadOnlyList<ProofLine>> jobs)
    {
        var codes = jobs.Keys.ToArray();
        var rendered = new string[codes.Length];

        Parallel.For(0, codes.Length, i =>
        {
            rendered[i] = ProofSheetWriter.Render(codes[i], jobs[codes[i]]);
        });

        var result = new Dictionary<string, string>(codes.Length);
        for (var i = 0; i < codes.Length; i++)
        {
            result[codes[i]] = rendered[i];
        }

        return result;
    }
}
