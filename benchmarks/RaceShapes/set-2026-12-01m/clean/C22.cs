using System.Collections.Concurrent;

namespace University.Enrollment;

public sealed class CourseSection
{
    internal int SeatsLeft;

    public CourseSection(string id, int capacity)
    {
        Id = id;
        SeatsLeft = capacity;
    }

    public string Id { get; }
}

/// <summary>
/// Enrollment service used by the registration portal during open enrollment. Each request
/// sets its own correlation id, which flows into the audit trail.
/// </summary>
public sealed class EnrollmentService
{
    private static readonly AsyncLocal<string?> s_requestId = new();

    private readonly IReadOnlyDictionary<string, CourseSection> _sections;
    private readonly ConcurrentDictionary<(string Section, string Student), DateTime> _enrolled = new();
    private readonly ConcurrentQueue<string> _audit = new();

    public EnrollmentService(IEnumerable<CourseSection> sections)
        => _sections = sections.ToDictionary(s => s.Id);

    public async Task<bool> HandleRequestAsync(string requestId, string sectionId, string studentId, Func<string, Task<bool>> prerequisitesMet)
    {
        s_requestId.Value = requestId;
        if (!await prerequisitesMet(studentId).ConfigureAwait(false))
        {
            Audit($"{studentId} missing prerequisites for {sectionId}");
            return false;
        }

        return Enroll(sectionId, studentId);
    }

    public IEnumerable<string> AuditTrail => _audit.ToArray();

    private bool Enroll(string sectionId, string studentId)
    {
        if (!_sections.TryGetValue(sectionId, out var section))
        {
            return false;
        }

        while (true)
        {
            var seats = Volatile.Read(ref section.SeatsLeft);
            if (seats == 0)
            {
                Audit($"{studentId} waitlisted for {sectionId}");
                return false;
            }

            if (Interlocked.CompareExchange(ref section.SeatsLeft, seats - 1, seats) == seats)
            {
                break;
            }
        }

        if (!_enrolled.TryAdd((sectionId, studentId), DateTime.UtcNow))
        {
            Interlocked.Increment(ref section.SeatsLeft);
            return true;
        }

        Audit($"{studentId} enrolled in {sectionId}");
        return true;
    }

    private void Audit(string message)
        => _audit.Enqueue($"[{s_requestId.Value ?? "-"}] {message}");
}
