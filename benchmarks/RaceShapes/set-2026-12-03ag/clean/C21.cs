namespace CanalTowpath.Notices;

public sealed record ClosureNotice(string Section, string Reason, DateOnly From, DateOnly To);

public interface IEdit
{
    void Apply(List<ClosureNotice> notices);
    void Revert(List<ClosureNotice> notices);
}

public sealed record AddNotice(ClosureNotice Notice) : IEdit
{
    public void Apply(List<ClosureNotice> notices) => notices.Add(Notice);
    public void Revert(List<ClosureNotice> notices) => notices.Remove(Notice);
}

/// <summary>
/// Editing document for the towpath closure notice board, with undo and redo.
/// The editor window calls in on the UI thread and the autosave timer reads
/// snapshots from the thread pool.
/// </summary>
public sealed class NoticeBoardDocument : IDisposable
{
    private readonly object _sync = new();
    private readonly List<ClosureNotice> _notices = new();
    private readonly Stack<IEdit> _undo = new();
    private readonly Stack<IEdit> _redo = new();
    private readonly Timer _autosave;
    private readonly Action<IReadOnlyList<ClosureNotice>> _save;
    private int _version;
    private int _savedVersion;

    public event Action<IReadOnlyList<ClosureNotice>>? Changed;

    public NoticeBoardDocument(Action<IReadOnlyList<ClosureNotice>> save)
    {
        _save = save;
        _autosave = new Timer(_ => Autosave(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public void Execute(IEdit edit)
    {
        ClosureNotice[] snapshot;
        lock (_sync)
        {
            edit.Apply(_notices);
            _undo.Push(edit);
            _redo.Clear();
            _version++;
            snapshot = _notices.ToArray();
        }
        Volatile.Read(ref Changed)?.Invoke(snapshot);
    }

    public bool Undo()
    {
        ClosureNotice[] snapshot;
        lock (_sync)
        {
            if (!_undo.TryPop(out var edit))
            {
                return false;
            }
            edit.Revert(_notices);
            _redo.Push(edit);
            _version++;
            snapshot = _notices.ToArray();
        }
        Volatile.Read(ref Changed)?.Invoke(snapshot);
        return true;
    }

    public bool Redo()
    {
        ClosureNotice[] snapshot;
        lock (_sync)
        {
            if (!_redo.TryPop(out var edit))
            {
                return false;
            }
            edit.Apply(_notices);
            _undo.Push(edit);
            _version++;
            snapshot = _notices.ToArray();
        }
        Volatile.Read(ref Changed)?.Invoke(snapshot);
        return true;
    }

    public bool IsDirty
    {
        get { lock (_sync) { return _version != _savedVersion; } }
    }

    private void Autosave()
    {
        ClosureNotice[] snapshot;
        int version;
        lock (_sync)
        {
            if (_version == _savedVersion)
            {
                return;
            }
            snapshot = _notices.ToArray();
            version = _version;
        }

        _save(snapshot);

        lock (_sync)
        {
            if (version > _savedVersion)
            {
                _savedVersion = version;
            }
        }
    }

    public void Dispose() => _autosave.Dispose();
}
