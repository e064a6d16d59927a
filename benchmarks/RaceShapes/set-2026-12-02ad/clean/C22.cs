using System.Text;

namespace Blind30.LighthouseArchive;

public sealed record LightCharacteristic(string Station, string Pattern, string Colour, double PeriodSeconds, int RangeNm);

/// <summary>
/// Builds the abbreviated light descriptions (for example "Fl(2) W 10s 18M") printed in
/// the archive's catalogue of lights. Used by the catalogue export and the web viewer.
/// </summary>
public static class LightDescriptionBuilder
{
    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static string Describe(LightCharacteristic light)
    {
        var sb = Rent();
        sb.Append(light.Pattern);
        sb.Append(' ').Append(light.Colour);
        sb.Append(' ').Append(light.PeriodSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)).Append('s');
        sb.Append(' ').Append(light.RangeNm).Append('M');
        return Return(sb);
    }

    private static StringBuilder Rent()
    {
        var sb = t_cached;
        if (sb is not null)
        {
            t_cached = null;
            sb.Clear();
            return sb;
        }

        return new StringBuilder(64);
    }

    private static string Return(StringBuilder sb)
    {
        var result = sb.ToString();
        if (sb.Capacity <= 512)
        {
            t_cached = sb;
        }

        return result;
    }
}

/// <summary>Exports the catalogue of lights as one line per station.</summary>
public static class LightCatalogueExport
{
    public static string[] Lines(IReadOnlyList<LightCharacteristic> lights)
    {
        var lines = new string[lights.Count];
        Parallel.For(0, lights.Count, i =>
        {
            var light = lights[i];
            lines[i] = $"{light.Station,-24} {LightDescriptionBuilder.Describe(light)}";
        });
        return lines;
    }
}
