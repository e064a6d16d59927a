using System.Globalization;
using System.Text;

namespace Blind27.TeaPlantations.Weighing;

public sealed record PluckerWeighIn(string PluckerId, string Field, double Kilograms, DateTime WeighedAt);

/// <summary>
/// Formats the weigh-in slips printed at the field collection points. The builder is
/// cached to keep the slip printer path allocation-light.
/// </summary>
public static class WeighSlipFormatter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Format(PluckerWeighIn weighIn)
    {
        var sb = t_builder ??= new StringBuilder(128);
        sb.Clear();
        sb.Append(weighIn.Field).Append(" | ");
        sb.Append(weighIn.PluckerId).Append(" | ");
        sb.Append(weighIn.Kilograms.ToString("F2", CultureInfo.InvariantCulture)).Append(" kg | ");
        sb.Append(weighIn.WeighedAt.ToString("HH:mm", CultureInfo.InvariantCulture));

        var text = sb.ToString();
        if (sb.Capacity > 1024)
        {
            // Don't hold on to unusually large builders.
            t_builder = null;
        }

        return text;
    }
}

/// <summary>Prints the end-of-day slips for every collection point.</summary>
public sealed class CollectionPointPrinter
{
    private readonly Action<string, string> _print;

    public CollectionPointPrinter(Action<string, string> print) => _print = print;

    public void PrintDay(IReadOnlyDictionary<string, List<PluckerWeighIn>> byCollectionPoint)
    {
        Parallel.ForEach(byCollectionPoint, point =>
        {
            foreach (var weighIn in point.Value.OrderBy(w => w.WeighedAt))
            {
                _print(point.Key, WeighSlipFormatter.Format(weighIn));
            }
        });
    }

    public string[] PreviewFirst(IEnumerable<PluckerWeighIn> weighIns, int count) =>
        weighIns.AsParallel().AsOrdered().Take(count).Select(WeighSlipFormatter.Format).ToArray();
}
