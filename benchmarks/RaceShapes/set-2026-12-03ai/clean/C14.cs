using System.Text;

namespace Blind35.QuinceOrchard.Harvest;

public sealed record TreePick(string Variety, int Fruit, double Kg, int Bruised);

public interface IPickingTabletStore
{
    Task<IReadOnlyList<TreePick>> GetRowAsync(string rowId, CancellationToken ct);
}

/// <summary>Builds the harvest summary for the orchard, one line per row, in row order.</summary>
public sealed class HarvestReportGenerator
{
    private readonly IPickingTabletStore _store;

    public HarvestReportGenerator(IPickingTabletStore store) => _store = store;

    public async Task<string> GenerateAsync(IReadOnlyList<string> rowIds, CancellationToken ct)
    {
        var lines = new string[rowIds.Count];
        var indexed = rowIds.Select((id, index) => (id, index));

        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct };
        await Parallel.ForEachAsync(indexed, options, async (row, token) =>
        {
            var picks = await _store.GetRowAsync(row.id, token);
            var kg = picks.Sum(p => p.Kg);
            var bruisedShare = picks.Sum(p => p.Fruit) is var fruit and > 0
                ? (double)picks.Sum(p => p.Bruised) / fruit
                : 0;
            var varieties = string.Join('/', picks.Select(p => p.Variety).Distinct().OrderBy(v => v));
            lines[row.index] = $"{row.id},{varieties},{kg:F1},{bruisedShare:P0}";
        });

        var report = new StringBuilder();
        report.AppendLine("row,varieties,kg,bruised");
        foreach (var line in lines)
        {
            report.AppendLine(line);
        }

        return report.ToString();
    }
}

public static class HarvestCommand
{
    public static async Task<int> RunAsync(IPickingTabletStore store, string outputPath)
    {
        var rows = Enumerable.Range(1, 24).Select(i => $"R{i:00}").ToList();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var csv = await new HarvestReportGenerator(store).GenerateAsync(rows, cts.Token);
        await File.WriteAllTextAsync(outputPath, csv, cts.Token);
        Console.WriteLine($"Harvest report written to {outputPath}");
        return 0;
    }
}
