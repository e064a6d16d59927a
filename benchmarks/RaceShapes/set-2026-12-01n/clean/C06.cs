namespace CourtFiling.Hearings;

public sealed record Hearing(Guid Id, string CaseNumber, string Courtroom, DateTime Start, TimeSpan Length, string Judge);

/// <summary>
/// Hearing calendar for a court building. One instance is shared by the listing officers'
/// desktop clients and the public hearings-list service; all members may be called concurrently.
/// </summary>
public sealed class HearingCalendar
{
    private readonly object _sync = new();
    private readonly Dictionary<string, List<Hearing>> _byCourtroom = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, Hearing> _byId = new();

    public Hearing? TryList(string caseNumber, string courtroom, DateTime start, TimeSpan length, string judge)
    {
        lock (_sync)
        {
            if (!_byCourtroom.TryGetValue(courtroom, out var day))
            {
                day = new List<Hearing>();
                _byCourtroom.Add(courtroom, day);
            }

            var end = start + length;
            if (day.Any(h => start < h.Start + h.Length && h.Start < end))
            {
                return null;
            }

            var hearing = new Hearing(Guid.NewGuid(), caseNumber, courtroom, start, length, judge);
            day.Add(hearing);
            _byId.Add(hearing.Id, hearing);
            return hearing;
        }
    }

    public bool Vacate(Guid hearingId)
    {
        lock (_sync)
        {
            if (!_byId.Remove(hearingId, out var hearing))
            {
                return false;
            }
            _byCourtroom[hearing.Courtroom].Remove(hearing);
            return true;
        }
    }

    public IReadOnlyList<Hearing> PublicList(DateOnly date)
    {
        lock (_sync)
        {
            return _byCourtroom.Values
                .SelectMany(h => h)
                .Where(h => DateOnly.FromDateTime(h.Start) == date)
                .OrderBy(h => h.Courtroom, StringComparer.OrdinalIgnoreCase)
                .ThenBy(h => h.Start)
                .ToList();
        }
    }
}

/// <summary>
/// Publishes the daily hearings list to the court website every few minutes.
/// </summary>
public sealed class HearingsListPublisher : IDisposable
{
    private readonly HearingCalendar _calendar;
    private readonly Action<string> _publish;
    private readonly Timer _timer;

    public HearingsListPublisher(HearingCalendar calendar, Action<string> publish)
    {
        _calendar = calendar;
        _publish = publish;
        _timer = new Timer(_ => Publish(), null, TimeSpan.Zero, TimeSpan.FromMinutes(5));
    }

    private void Publish()
    {
        var today = DateOnly.FromDateTime(DateTime.Now);
        var lines = _calendar.PublicList(today).Select(h => $"{h.Start:HH:mm} {h.Courtroom} {h.CaseNumber} ({h.Judge})");
        _publish(string.Join(Environment.NewLine, lines));
    }

    public void Dispose() => _timer.Dispose();
}
