using System.Text;

namespace Municipal.Permits.Numbering;

public sealed record PermitApplication(int Sequence, string Ward, string Category, DateTime SubmittedAt);

/// <summary>
/// Formats reference numbers such as "BLD-W07-2024-000123" for permit applications.
/// One formatter instance reuses its buffer between calls.
/// </summary>
public sealed class PermitReferenceFormatter
{
    private readonly StringBuilder _buffer = new(32);

    public string Format(PermitApplication application)
    {
        _buffer.Clear();
        _buffer.Append(CategoryPrefix(application.Category));
        _buffer.Append("-W");
        _buffer.Append(application.Ward.PadLeft(2, '0'));
        _buffer.Append('-');
        _buffer.Append(application.SubmittedAt.Year);
        _buffer.Append('-');
        _buffer.Append(application.Sequence.ToString("D6"));
        return _buffer.ToString();
    }

    private static string CategoryPrefix(string category) => category.ToUpperInvariant() switch
    {
        "BUILDING" => "BLD",
        "EVENT" => "EVT",
        "SIGNAGE" => "SGN",
        "STREET TRADING" => "STR",
        _ => "GEN",
    };
}

/// <summary>
/// Bulk re-numbering run used when the council migrates applications from the old system.
/// </summary>
public sealed class BulkRenumberingJob
{
    public string[] AssignReferences(IReadOnlyList<PermitApplication> applications)
    {
        var references = new string[applications.Count];

        using var formatters = new ThreadLocal<PermitReferenceFormatter>(() => new PermitReferenceFormatter());
        Parallel.For(0, applications.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            references[i] = formatters.Value!.Format(applications[i]);
        });

        return references;
    }

    public static IReadOnlyDictionary<string, int> CountByPrefix(IEnumerable<string> references) =>
        references
            .GroupBy(r => r[..3], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
