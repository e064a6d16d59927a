using System.Reflection;

namespace Blind34.Observatory.Catalogue;

/// <summary>
/// Column layout for a catalogue record type, computed once per type with
/// reflection and kept in a static generic field.
/// </summary>
public sealed class CatalogueLayout
{
    private CatalogueLayout(IReadOnlyList<PropertyInfo> columns) => Columns = columns;

    public IReadOnlyList<PropertyInfo> Columns { get; }

    public string Header => string.Join(",", Columns.Select(c => c.Name));

    public string Row(object record) =>
        string.Join(",", Columns.Select(c => Convert.ToString(c.GetValue(record), System.Globalization.CultureInfo.InvariantCulture)));

    internal static CatalogueLayout Build(Type type) =>
        new(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToArray());
}

public static class CatalogueLayout<T>
{
    public static readonly CatalogueLayout Instance = CatalogueLayout.Build(typeof(T));
}

public sealed record PlateEnvelope(string Shelf, int Box, string Plate, DateTime Exposed);

public sealed record ObserverLogEntry(string Observer, DateTime Night, string Seeing, string Notes);

/// <summary>Writes CSV extracts of the archive for several record types at once.</summary>
public sealed class CatalogueExtractor
{
    public async Task<(string Plates, string Logs)> ExtractAsync(
        IReadOnlyList<PlateEnvelope> plates, IReadOnlyList<ObserverLogEntry> logs)
    {
        var platesTask = Task.Run(() => ToCsv(plates));
        var logsTask = Task.Run(() => ToCsv(logs));
        var alsoPlates = Task.Run(() => ToCsv(plates.Where(p => p.Box < 100).ToList()));
        await Task.WhenAll(platesTask, logsTask, alsoPlates).ConfigureAwait(false);
        return (platesTask.Result + alsoPlates.Result, logsTask.Result);
    }

    private static string ToCsv<T>(IReadOnlyList<T> records) where T : notnull
    {
        var layout = CatalogueLayout<T>.Instance;
        var lines = new List<string>(records.Count + 1) { layout.Header };
        lines.AddRange(records.Select(r => layout.Row(r)));
        return string.Join(Environment.NewLine, lines);
    }
}
