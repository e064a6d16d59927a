using System.Collections.Concurrent;

namespace Orchestra.Rehearsals.Attendance;

public sealed record CheckIn(string MusicianId, string Section, DateTime RehearsalDate, bool Late);

/// <summary>
/// Aggregates rehearsal check-ins from the tablets at the stage door. Registered as a
/// singleton; each tablet posts check-ins to the API independently.
/// </summary>
public sealed class AttendanceTracker
{
    private readonly ConcurrentDictionary<string, int> _attendancePerMusician = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _latePerMusician = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Section, DateTime Date), ConcurrentDictionary<string, byte>> _presentBySection = new();

    public void Record(CheckIn checkIn)
    {
        var present = _presentBySection.GetOrAdd(
            (checkIn.Section, checkIn.RehearsalDate.Date),
            _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));

        if (!present.TryAdd(checkIn.MusicianId, 0))
        {
            // The same musician tapped in twice.
            return;
        }

        _attendancePerMusician.AddOrUpdate(checkIn.MusicianId, 1, (_, count) => count + 1);
        if (checkIn.Late)
        {
            _latePerMusician.AddOrUpdate(checkIn.MusicianId, 1, (_, count) => count + 1);
        }
    }

    public int SectionHeadcount(string section, DateTime date) =>
        _presentBySection.TryGetValue((section, date.Date), out var present) ? present.Count : 0;

    public double LatenessRatio(string musicianId)
    {
        var attended = _attendancePerMusician.GetValueOrDefault(musicianId);
        var late = _latePerMusician.GetValueOrDefault(musicianId);
        return attended == 0 ? 0 : Math.Min(1.0, (double)late / attended);
    }

    public IReadOnlyList<string> MissingFrom(string section, DateTime date, IEnumerable<string> roster)
    {
        if (!_presentBySection.TryGetValue((section, date.Date), out var present))
        {
            return roster.ToList();
        }

        return roster.Where(m => !present.ContainsKey(m)).ToList();
    }
}
