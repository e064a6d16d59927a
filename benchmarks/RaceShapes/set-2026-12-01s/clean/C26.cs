using System.Collections.Immutable;

namespace ComicGrading.Registry;

public sealed record GradeRecord(string CertNumber, string Title, string Issue, decimal Grade, string Grader, DateOnly GradedOn);

/// <summary>
/// Certificate registry for graded comic books. Registered as a singleton; the grading
/// bench submits certificates and the public lookup endpoint verifies them, both
/// concurrently.
/// </summary>
public sealed class CertificateRegistry
{
    private ImmutableDictionary<string, GradeRecord> _byCert =
        ImmutableDictionary.Create<string, GradeRecord>(StringComparer.OrdinalIgnoreCase);

    private ImmutableDictionary<string, ImmutableList<string>> _byTitle =
        ImmutableDictionary.Create<string, ImmutableList<string>>(StringComparer.OrdinalIgnoreCase);

    public bool Register(GradeRecord record)
    {
        if (record.Grade is < 0.5m or > 10.0m)
            throw new ArgumentOutOfRangeException(nameof(record), "Grades run from 0.5 to 10.0.");

        if (!ImmutableInterlocked.TryAdd(ref _byCert, record.CertNumber, record))
            return false;

        ImmutableInterlocked.AddOrUpdate(
            ref _byTitle,
            record.Title,
            _ => ImmutableList.Create(record.CertNumber),
            (_, certs) => certs.Add(record.CertNumber));
        return true;
    }

    public GradeRecord? Verify(string certNumber) =>
        Volatile.Read(ref _byCert).TryGetValue(certNumber, out var record) ? record : null;

    public IReadOnlyList<GradeRecord> Census(string title)
    {
        var certs = Volatile.Read(ref _byTitle);
        var byCert = Volatile.Read(ref _byCert);
        if (!certs.TryGetValue(title, out var list))
            return Array.Empty<GradeRecord>();

        return list
            .Select(c => byCert.TryGetValue(c, out var r) ? r : null)
            .OfType<GradeRecord>()
            .OrderByDescending(r => r.Grade)
            .ToList();
    }

    public bool Revoke(string certNumber)
    {
        if (!ImmutableInterlocked.TryRemove(ref _byCert, certNumber, out var removed))
            return false;

        ImmutableInterlocked.AddOrUpdate(
            ref _byTitle,
            removed.Title,
            _ => ImmutableList<string>.Empty,
            (_, certs) => certs.Remove(certNumber));
        return true;
    }
}
