namespace Blind36.KiteSurfing.Lessons;

public sealed record Lesson(Guid Id, string Instructor, string Student, DateTime Start, TimeSpan Length);

public sealed class Instructor
{
    public Instructor(string name) => Name = name;

    public string Name { get; }
    public object Gate { get; } = new();
    public List<Lesson> Lessons { get; } = new();
}

/// <summary>
/// Lesson diary for the school. The front desk, the online booking page and the
/// instructors' phones all book and cancel lessons through one shared diary.
/// </summary>
public sealed class LessonDiary
{
    private readonly Dictionary<string, Instructor> _instructors;
    private readonly List<Lesson> _allLessons = new();

    public LessonDiary(IEnumerable<string> instructorNames)
    {
        _instructors = instructorNames.ToDictionary(n => n, n => new Instructor(n), StringComparer.OrdinalIgnoreCase);
    }

    public Lesson? TryBook(string instructorName, string student, DateTime start, TimeSpan length)
    {
        var instructor = _instructors[instructorName];
        lock (instructor.Gate)
        {
            var end = start + length;
            if (instructor.Lessons.Any(l => l.Start < end && start < l.Start + l.Length))
                return null;

            var lesson = new Lesson(Guid.NewGuid(), instructor.Name, student, start, length);
            instructor.Lessons.Add(lesson);
            _allLessons.Add(lesson);
            return lesson;
        }
    }

    public bool Cancel(string instructorName, Guid lessonId)
    {
        var instructor = _instructors[instructorName];
        lock (instructor.Gate)
        {
            int removed = instructor.Lessons.RemoveAll(l => l.Id == lessonId);
            if (removed > 0)
                _allLessons.RemoveAll(l => l.Id == lessonId);
            return removed > 0;
        }
    }

    public IReadOnlyList<Lesson> ForInstructor(string instructorName)
    {
        var instructor = _instructors[instructorName];
        lock (instructor.Gate)
        {
            return instructor.Lessons.OrderBy(l => l.Start).ToList();
        }
    }
}
