namespace CrosswordPublisher.Clues;

public readonly record struct ClueEdit(string Slot, string Before, string After);

public sealed record ClueDraft(IReadOnlyDictionary<string, string> Clues, IReadOnlyList<ClueEdit> History, DateTime SavedUtc);

public interface IClueDraftStore
{
    void Save(string puzzleId, ClueDraft draft);
}

/// <summary>
/// Clue-writing session for one puzzle. Edits come from the editor window; a timer saves a
/// draft with the undo history every 20 seconds.
/// </summary>
public sealed class ClueEditor : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _clues = new();
    private readonly Stack<ClueEdit> _undo = new();
    private readonly string _puzzleId;
    private readonly IClueDraftStore _store;
    private readonly Timer _autosave;
    private int _editsSinceSave;

    public ClueEditor(string puzzleId, IClueDraftStore store)
    {
        _puzzleId = puzzleId;
        _store = store;
        _autosave = new Timer(_ => SaveDraft(), null, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20));
    }

    public void SetClue(string slot, string text)
    {
        lock (_gate)
        {
            _clues.TryGetValue(slot, out var before);
            _clues[slot] = text;
            _undo.Push(new ClueEdit(slot, before ?? "", text));
            _editsSinceSave++;
        }
    }

    public bool Undo()
    {
        lock (_gate)
        {
            if (!_undo.TryPop(out var edit))
            {
                return false;
            }
            if (edit.Before.Length == 0)
            {
                _clues.Remove(edit.Slot);
            }
            else
            {
                _clues[edit.Slot] = edit.Before;
            }
            _editsSinceSave++;
            return true;
        }
    }

    public int UndoDepth
    {
        get
        {
            lock (_gate)
            {
                return _undo.Count;
            }
        }
    }

    private void SaveDraft()
    {
        ClueDraft draft;
        lock (_gate)
        {
            if (_editsSinceSave == 0)
            {
                return;
            }
            // Stack enumerates newest first; store oldest first.
            var history = _undo.ToArray();
            Array.Reverse(history);
            draft = new ClueDraft(new Dictionary<string, string>(_clues), history, DateTime.UtcNow);
            _editsSinceSave = 0;
        }
        _store.Save(_puzzleId, draft);
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        _autosave.Dispose(done);
        done.WaitOne();
        SaveDraft();
    }
}
