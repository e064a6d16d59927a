using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Blind59.CheeseCaves.Labels;

[AttributeUsage(AttributeTargets.Property)]
public sealed class LabelFieldAttribute : Attribute
{
    public LabelFieldAttribute(int order, string caption)
    {
        Order = order;
        Caption = caption;
    }

    public int Order { get; }
    public string Caption { get; }
}

public sealed class WheelLabel
{
    [LabelField(1, "Cheese")] public string Variety { get; init; } = "";
    [LabelField(2, "Batch")] public string Batch { get; init; } = "";
    [LabelField(3, "Made")] public DateOnly Made { get; init; }
    [LabelField(4, "Weight kg")] public decimal WeightKg { get; init; }
}

/// <summary>
/// Builds a label printer for a label type from its [LabelField] properties. The field
/// list is computed once per type by the type initializer; per-culture date formats are
/// cached as they are first requested.
/// </summary>
public static class LabelPrinter<T>
{
    private static readonly (PropertyInfo Property, string Caption)[] Fields = typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => (Property: p, Attr: p.GetCustomAttribute<LabelFieldAttribute>()))
        .Where(x => x.Attr is not null)
        .OrderBy(x => x.Attr!.Order)
        .Select(x => (x.Property, x.Attr!.Caption))
        .ToArray();

    private static readonly ConcurrentDictionary<string, CultureInfo> Cultures = new(StringComparer.OrdinalIgnoreCase);

    public static int FieldCount => Fields.Length;

    public static string Render(T label, string cultureName)
    {
        var culture = Cultures.GetOrAdd(cultureName, static name => CultureInfo.GetCultureInfo(name));
        var sb = new StringBuilder();
        foreach (var (property, caption) in Fields)
        {
            var value = property.GetValue(label);
            var text = value switch
            {
                DateOnly d => d.ToString("d MMM yyyy", culture),
                IFormattable f => f.ToString(null, culture),
                null => "",
                _ => value.ToString(),
            };
            sb.Append(caption).Append(": ").AppendLine(text);
        }
        return sb.ToString();
    }
}

/// <summary>
/// Label print service used by the packing room and the online shop's dispatch job.
/// </summary>
public sealed class CaveLabelService
{
    private readonly Action<string> _sendToPrinter;

    public CaveLabelService(Action<string> sendToPrinter) => _sendToPrinter = sendToPrinter;

    public void PrintWheel(WheelLabel label, string culture = "en-GB") =>
        _sendToPrinter(LabelPrinter<WheelLabel>.Render(label, culture));

    public void PrintDispatchRun(IReadOnlyList<WheelLabel> labels, string culture)
    {
        var rendered = labels.AsParallel().AsOrdered()
            .Select(l => LabelPrinter<WheelLabel>.Render(l, culture))
            .ToList();
        foreach (var text in rendered)
        {
            _sendToPrinter(text);
        }
    }
}
