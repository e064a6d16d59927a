namespace Blind44.CheeseCaves.Schedule;

public sealed record TurningSlot(string Wheel, DayOfWeek Day, int Shelf);

public interface IScheduleEdit
{
    void Apply(List<TurningSlot> schedule);
    void Revert(List<TurningSlot> schedule);
}

public sealed record MoveWheel(TurningSlot From, TurningSlot To) : IScheduleEdit
{
    public void Apply(List<TurningSlot> schedule) { schedule.Remove(From); schedule.Add(To); }
    public void Revert(List<TurningSlot> schedule) { schedule.Remove(To); schedule.Add(From); }
}

/// <summary>
/// Editing session for the cave's wheel-turning schedule. The editor window, the autosave timer and
/// collaborators' remote edits (arriving on the sync client's thread) all use one session.
/// </summary>
public sealed class TurningScheduleSession
{
    private readonly object _gate = new();
    private readonly List<TurningSlot> _schedule;
    private readonly Stack<IScheduleEdit> _undo = new();
    private readonly Stack<IScheduleEdit> _redo = new();
    private int _version;

    public TurningScheduleSession(IEnumerable<TurningSlot> initial) => _schedule = initial.ToList();

    /// <summary>Raised after every change with the new version and undo/redo availability.</summary>
    public event Action<int, bool, bool>? Changed;

    public void Apply(IScheduleEdit edit)
    {
        int version; bool canUndo, canRedo;
        lock (_gate)
        {
            edit.Apply(_schedule);
            _undo.Push(edit);
            _redo.Clear();
            (version, canUndo, canRedo) = (++_version, _undo.Count > 0, _redo.Count > 0);
        }
        Changed?.Invoke(version, canUndo, canRedo);
    }

    public bool Undo()
    {
        int version; bool canUndo, canRedo;
        lock (_gate)
        {
            if (!_undo.TryPop(out var edit))
                return false;
            edit.Revert(_schedule);
            _redo.Push(edit);
            (version, canUndo, canRedo) = (++_version, _undo.Count > 0, _redo.Count > 0);
        }
        Changed?.Invoke(version, canUndo, canRedo);
        return true;
    }

    public bool Redo()
    {
        int version; bool canUndo, canRedo;
        lock (_gate)
        {
            if (!_redo.TryPop(out var edit))
                return false;
            edit.Apply(_schedule);
            _undo.Push(edit);
            (version, canUndo, canRedo) = (++_version, _undo.Count > 0, _redo.Count > 0);
        }
        Changed?.Invoke(version, canUndo, canRedo);
        return true;
    }

    /// <summary>Copy for the autosave writer and the print view.</summary>
    public (int Version, IReadOnlyList<TurningSlot> Slots) Snapshot()
    {
        lock (_gate)
            return (_version, _schedule.ToArray());
    }
}

/// <summary>Writes the schedule to disk every 30 seconds when it has changed.</summary>
public sealed class ScheduleAutosave : IDisposable
{
    private readonly TurningScheduleSession _session;
    private readonly string _path;
    private readonly Timer _timer;
    private int _savedVersion;
    private int _saving;

    public ScheduleAutosave(TurningScheduleSession session, string path)
    {
        _session = session;
        _path = path;
        _timer = new Timer(_ => Save(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    private void Save()
    {
        if (Interlocked.Exchange(ref _saving, 1) == 1)
            return;
        try
        {
            var (version, slots) = _session.Snapshot();
            if (version == Volatile.Read(ref _savedVersion))
                return;
            File.WriteAllLines(_path, slots.Select(s => $"{s.Wheel},{s.Day},{s.Shelf}"));
            Volatile.Write(ref _savedVersion, version);
        }
        finally
        {
            Volatile.Write(ref _saving, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
