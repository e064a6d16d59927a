using System.Globalization;
using System.Text;

namespace Blind38.Beekeeping.Labels;

public sealed record HoneyJar(string Batch, string Apiary, string Floral, DateOnly Extracted, int NetGrams, double MoisturePercent);

/// <summary>
/// Formats the text printed on cooperative honey jar labels. Registered as a singleton;
/// the bottling line's label printers and the online shop both call it concurrently.
/// </summary>
public sealed class JarLabelFormatter
{
    [ThreadStatic]
    private static StringBuilder? t_cachedBuilder;

    private readonly string _cooperativeName;
    private readonly TimeSpan _bestBefore;

    public JarLabelFormatter(string cooperativeName, TimeSpan bestBefore)
    {
        _cooperativeName = cooperativeName;
        _bestBefore = bestBefore;
    }

    public string Format(HoneyJar jar)
    {
        var sb = AcquireBuilder();
        sb.Append(jar.Floral.ToUpperInvariant()).Append(" HONEY").AppendLine();
        sb.Append("From the ").Append(jar.Apiary).Append(" apiary").AppendLine();
        sb.Append("Net ").Append(jar.NetGrams).Append(" g").AppendLine();
        sb.Append("Batch ").Append(jar.Batch)
          .Append("  Best before ")
          .Append(jar.Extracted.AddDays(_bestBefore.Days).ToString("dd MMM yyyy", CultureInfo.InvariantCulture))
          .AppendLine();

        if (jar.MoisturePercent > 18.5)
        {
            sb.AppendLine("Store cool - may ferment if warm.");
        }

        sb.Append("Packed by ").Append(_cooperativeName);
        return ReleaseBuilder(sb);
    }

    public IReadOnlyList<string> FormatRun(IEnumerable<HoneyJar> jars) =>
        jars.AsParallel().AsOrdered().Select(Format).ToList();

    private static StringBuilder AcquireBuilder()
    {
        var sb = t_cachedBuilder;
        if (sb is null)
        {
            return new StringBuilder(256);
        }

        t_cachedBuilder = null;
        sb.Clear();
        return sb;
    }

    private static string ReleaseBuilder(StringBuilder sb)
    {
        var text = sb.ToString();
        if (sb.Capacity <= 1024)
        {
            t_cachedBuilder = sb;
        }

        return text;
    }
}
