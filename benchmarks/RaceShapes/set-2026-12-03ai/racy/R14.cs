using System.Text;

namespace Blind35.MothTrapping.Reports;

public sealed record TrapCatch(string Species, int Count);

public interface ICatchStore
{
    Task<IReadOnlyList<TrapCatch>> GetCatchAsync(string trapId, DateOnly night, CancellationToken ct);
}

/// <summary>Produces the CSV of a survey night's catch across every light trap.</summary>
public sealed class NightlyCatchReport
{
    private readonly ICatchStore _store;

    public NightlyCatchReport(ICatchStore store) => _store = store;

    public async Task<string> BuildCsvAsync(IReadOnlyList<string> trapIds, DateOnly night, CancellationToken ct)
    {
        var csv = new StringBuilder();
        csv.AppendLine("trap,species,count");

        var options = new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = ct };
        await Parallel.ForEachAsync(trapIds, options, async (trapId, token) =>
        {
            var catches = await _store.GetCatchAsync(trapId, night, token);
            foreach (var c in catches.Where(c => c.Count > 0).OrderBy(c => c.Species, StringComparer.Ordinal))
            {
                csv.Append(trapId).Append(',').Append(Escape(c.Species)).Append(',').Append(c.Count).AppendLine();
            }
        });

        return csv.ToString();
    }

    private static string Escape(string value) =>
        value.Contains(',') || value.Contains('"')
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;
}

/// <summary>Command-line entry used by the county recorder.</summary>
public static class ReportCommand
{
    public static async Task<int> RunAsync(string[] args, ICatchStore store)
    {
        if (args.Length < 2 || !DateOnly.TryParse(args[0], out var night))
        {
            Console.Error.WriteLine("usage: catch-report <yyyy-mm-dd> <trap-id>...");
            return 2;
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var report = new NightlyCatchReport(store);
        var csv = await report.BuildCsvAsync(args.Skip(1).ToArray(), night, cts.Token);
        await File.WriteAllTextAsync($"catch-{night:yyyyMMdd}.csv", csv, cts.Token);
        Console.WriteLine($"Wrote {csv.Split('\n').Length - 2} rows");
        return 0;
    }
}
