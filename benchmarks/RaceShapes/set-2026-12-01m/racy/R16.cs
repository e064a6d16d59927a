using System.Timers;

namespace University.Registration;

public sealed class Section
{
    public Section(string id, int capacity)
    {
        Id = id;
        SeatsAvailable = capacity;
    }

    public string Id { get; }
    public int SeatsAvailable { get; set; }
}

public sealed record SeatHold(string SectionId, string StudentId, DateTime ExpiresAtUtc);

/// <summary>
/// Holds seats in course sections while students finish checkout. Registered as an
/// application-wide singleton; registration requests call its members concurrently.
/// </summary>
public sealed class SectionRegistry : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, Section> _sections;
    private readonly List<SeatHold> _holds = new();
    private readonly System.Timers.Timer _expiry;
    private readonly TimeSpan _holdFor;

    public SectionRegistry(IEnumerable<Section> sections, TimeSpan holdFor)
    {
        _sections = sections.ToDictionary(s => s.Id);
        _holdFor = holdFor;
        _expiry = new System.Timers.Timer(15_000) { AutoReset = true };
        _expiry.Elapsed += OnExpiryElapsed;
        _expiry.Start();
    }

    public bool TryHoldSeat(string sectionId, string studentId)
    {
        lock (_sync)
        {
            if (!_sections.TryGetValue(sectionId, out var section) || section.SeatsAvailable == 0)
            {
                return false;
            }

            section.SeatsAvailable--;
            _holds.Add(new SeatHold(sectionId, studentId, DateTime.UtcNow + _holdFor));
            return true;
        }
    }

    public int SeatsLeft(string sectionId)
    {
        lock (_sync)
        {
            return _sections.TryGetValue(sectionId, out var s) ? s.SeatsAvailable : 0;
        }
    }

    private void OnExpiryElapsed(object? sender, ElapsedEventArgs e)
    {
        var now = DateTime.UtcNow;
        List<SeatHold> expired;
        lock (_sync)
        {
            expired = _holds.Where(h => h.ExpiresAtUtc <= now).ToList();
            _holds.RemoveAll(h => h.ExpiresAtUtc <= now);
        }

        foreach (var hold in expired)
        {
            _sections[hold.SectionId].SeatsAvailable++;
        }
    }

    public void Dispose()
    {
        _expiry.Stop();
        _expiry.Dispose();
    }
}
