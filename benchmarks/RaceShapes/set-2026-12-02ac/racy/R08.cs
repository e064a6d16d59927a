using System.Globalization;
using System.Text;

namespace Blind29.CiderPress.Labels;

public sealed record PressRun(string Orchard, string Variety, DateOnly PressedOn, double Litres, double SpecificGravity);

/// <summary>
/// Builds the text printed on barrel labels. Called from the label printing API,
/// which serves several press houses at once.
/// </summary>
public static class BarrelLabelFormatter
{
    private static readonly StringBuilder Buffer = new(256);

    public static string Format(PressRun run, int barrelNumber)
    {
        Buffer.Clear();
        Buffer.Append(run.Orchard.ToUpperInvariant()).Append(" / ").Append(run.Variety);
        Buffer.AppendLine();
        Buffer.Append("Barrel ").Append(barrelNumber.ToString("D3", CultureInfo.InvariantCulture));
        Buffer.Append("  pressed ").Append(run.PressedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Buffer.AppendLine();
        Buffer.Append("OG ").Append(run.SpecificGravity.ToString("0.000", CultureInfo.InvariantCulture));
        Buffer.Append("  est. ABV ").Append(EstimatedAbv(run.SpecificGravity).ToString("0.0", CultureInfo.InvariantCulture)).Append('%');
        return Buffer.ToString();
    }

    private static double EstimatedAbv(double og) => (og - 1.000) * 131.25;

    public static string FileName(PressRun run, int barrelNumber) =>
        $"{run.PressedOn:yyyyMMdd}-{run.Orchard}-{barrelNumber:D3}.txt"
            .Replace(' ', '_')
            .ToLowerInvariant();
}

public sealed class LabelEndpoint
{
    public IReadOnlyList<string> PrintRun(PressRun run, int barrels)
    {
        var labels = new string[barrels];
        for (var i = 0; i < barrels; i++)
        {
            labels[i] = BarrelLabelFormatter.Format(run, i + 1);
        }

        return labels;
    }

    public Task<string[]> PrintMany(IEnumerable<(PressRun Run, int Barrel)> requests) =>
        Task.WhenAll(requests.Select(r => Task.Run(() => BarrelLabelFormatter.Format(r.Run, r.Barrel))));
}
