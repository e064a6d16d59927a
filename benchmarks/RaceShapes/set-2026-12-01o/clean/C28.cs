namespace Orchestra.Rehearsals.Scheduling;

public sealed record SectionCall(string Section, DateTime Start, DateTime End, string Room);

public sealed record Conflict(string Section, string Musician, DateTime Start, string OtherCommitment);

public interface IMusicianCalendar
{
    IReadOnlyList<string> MembersOf(string section);
    IReadOnlyList<(DateTime Start, DateTime End, string What)> CommitmentsOf(string musician);
}

/// <summary>
/// Checks a draft rehearsal schedule against the musicians' external calendars before the
/// orchestra manager publishes it. Each section call is checked on the thread pool.
/// </summary>
public sealed class RehearsalConflictChecker
{
    private readonly IMusicianCalendar _calendar;

    public RehearsalConflictChecker(IMusicianCalendar calendar) => _calendar = calendar;

    public IReadOnlyList<Conflict> Check(IReadOnlyList<SectionCall> calls)
    {
        var perCall = new List<Conflict>[calls.Count];

        using (var remaining = new CountdownEvent(calls.Count))
        {
            for (var i = 0; i < calls.Count; i++)
            {
                var index = i;
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    try
                    {
                        perCall[index] = ConflictsFor(calls[index]);
                    }
                    finally
                    {
                        remaining.Signal();
                    }
                });
            }

            remaining.Wait();
        }

        return perCall.SelectMany(list => list).OrderBy(c => c.Start).ToList();
    }

    private List<Conflict> ConflictsFor(SectionCall call)
    {
        var conflicts = new List<Conflict>();
        foreach (var musician in _calendar.MembersOf(call.Section))
        {
            foreach (var (start, end, what) in _calendar.CommitmentsOf(musician))
            {
                if (start < call.End && call.Start < end)
                {
                    conflicts.Add(new Conflict(call.Section, musician, call.Start, what));
                }
            }
        }

        return conflicts;
    }
}
