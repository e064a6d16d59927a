namespace Blind51.OrganBuilders.Tuning;

public sealed record TuningNote(string Stop, int Key, double CentsBefore, double CentsAfter, string Tuner);

/// <summary>
/// A tuner's session on one division of an organ (Great, Swell, Choir). Several tuners work
/// different divisions at the same time, each from their own tablet thread. The count of
/// pipes retuned per stop is kept for the whole instrument.
/// </summary>
public sealed class DivisionTuningSession
{
    private static readonly object s_instrumentLock = new();
    private static readonly Dictionary<string, int> s_retunedPerStop = new(StringComparer.OrdinalIgnoreCase);
    private static int s_openSessions;

    private readonly object _notesLock = new();
    private readonly List<TuningNote> _notes = new();

    public DivisionTuningSession(string division, string tuner)
    {
        Division = division;
        Tuner = tuner;
        Interlocked.Increment(ref s_openSessions);
    }

    public string Division { get; }
    public string Tuner { get; }

    public static int OpenSessions => Volatile.Read(ref s_openSessions);

    public void Record(string stop, int key, double before, double after)
    {
        var note = new TuningNote(stop, key, before, after, Tuner);

        lock (_notesLock)
        {
            _notes.Add(note);
        }

        lock (s_instrumentLock)
        {
            s_retunedPerStop[stop] = s_retunedPerStop.GetValueOrDefault(stop) + 1;
        }
    }

    public IReadOnlyList<TuningNote> Notes()
    {
        lock (_notesLock)
        {
            return _notes.ToList();
        }
    }

    public static IReadOnlyDictionary<string, int> RetunedPerStop()
    {
        lock (s_instrumentLock)
        {
            return new Dictionary<string, int>(s_retunedPerStop, StringComparer.OrdinalIgnoreCase);
        }
    }

    public void Close() => Interlocked.Decrement(ref s_openSessions);
}

/// <summary>
/// Runs a tuning day with one task per division.
/// </summary>
public static class TuningDay
{
    public static async Task<IReadOnlyDictionary<string, int>> RunAsync(
        IReadOnlyDictionary<string, (string Tuner, IReadOnlyList<(string Stop, int Key, double Before, double After)> Work)> divisions)
    {
        var tasks = divisions.Select(kv => Task.Run(() =>
        {
            var session = new DivisionTuningSession(kv.Key, kv.Value.Tuner);
            try
            {
                foreach (var w in kv.Value.Work)
                    session.Record(w.Stop, w.Key, w.Before, w.After);
            }
            finally
            {
                session.Close();
            }
        }));

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return DivisionTuningSession.RetunedPerStop();
    }
}
