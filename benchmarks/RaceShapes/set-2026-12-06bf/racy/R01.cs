namespace Blind58.FunicularTimetables;

public sealed record Timetable(string Line, IReadOnlyList<TimeOnly> Departures, DateTimeOffset FetchedAt);

public interface ITimetableSource
{
    Task<Timetable> LoadAsync(string line, CancellationToken cancellationToken);
}

/// <summary>
/// Coalesces concurrent timetable lookups for the same funicular line so that only one
/// request at a time reaches the operator's upstream API. Registered as a singleton and
/// called from every request that renders a station departure board.
/// </summary>
public sealed class TimetableCoalescer
{
    private readonly ITimetableSource _source;
    private readonly Dictionary<string, Task<Timetable>> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();
    private long _upstreamCalls;
    private long _coalescedCalls;

    public TimetableCoalescer(ITimetableSource source)
    {
        _source = source;
    }

    public long UpstreamCalls => Interlocked.Read(ref _upstreamCalls);

    public long CoalescedCalls => Interlocked.Read(ref _coalescedCalls);

    public Task<Timetable> GetAsync(string line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(line);

        lock (_gate)
        {
            if (_inFlight.TryGetValue(line, out var existing))
            {
                Interlocked.Increment(ref _coalescedCalls);
                return existing;
            }

            var fetch = FetchAsync(line);
            if (!fetch.IsCompleted)
            {
                _inFlight[line] = fetch;
            }

            return fetch;
        }
    }

    public int PendingLines
    {
        get
        {
            lock (_gate)
            {
                return _inFlight.Count;
            }
        }
    }

    private async Task<Timetable> FetchAsync(string line)
    {
        Interlocked.Increment(ref _upstreamCalls);
        try
        {
            return await _source.LoadAsync(line, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Once the upstream call has settled the next caller should trigger a fresh fetch.
            _inFlight.Remove(line);
        }
    }
}

/// <summary>Departure board view used by the station displays.</summary>
public sealed class DepartureBoard
{
    private readonly TimetableCoalescer _timetables;

    public DepartureBoard(TimetableCoalescer timetables)
    {
        _timetables = timetables;
    }

    public async Task<IReadOnlyList<TimeOnly>> NextDeparturesAsync(string line, TimeOnly after, int count)
    {
        var timetable = await _timetables.GetAsync(line).ConfigureAwait(false);
        return timetable.Departures.Where(d => d > after).OrderBy(d => d).Take(count).ToList();
    }
}
