namespace CrosswordPublisher.Editor;

public readonly record struct GridEdit(int Row, int Col, char Before, char After);

public sealed record Draft(char[,] Cells, GridEdit[] History, DateTime SavedUtc);

public interface IDraftStore
{
    void Save(string puzzleId, Draft draft);
}

/// <summary>
/// Editing session for one crossword grid. Keystrokes arrive from the UI thread; a timer
/// saves a draft, including undo history, every 30 seconds.
/// </summary>
public sealed class GridEditor : IDisposable
{
    private readonly object _editLock = new();
    private readonly Stack<GridEdit> _undo = new();
    private readonly Stack<GridEdit> _redo = new();
    private readonly char[,] _cells;
    private readonly string _puzzleId;
    private readonly IDraftStore _store;
    private readonly Timer _autosave;
    private bool _dirty;

    public GridEditor(string puzzleId, int size, IDraftStore store)
    {
        _puzzleId = puzzleId;
        _store = store;
        _cells = new char[size, size];
        _autosave = new Timer(OnAutosave, null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public void SetCell(int row, int col, char letter)
    {
        lock (_editLock)
        {
            var edit = new GridEdit(row, col, _cells[row, col], letter);
            _cells[row, col] = letter;
            _undo.Push(edit);
            _redo.Clear();
            _dirty = true;
        }
    }

    public bool Undo()
    {
        lock (_editLock)
        {
            if (!_undo.TryPop(out var edit))
            {
                return false;
            }
            _cells[edit.Row, edit.Col] = edit.Before;
            _redo.Push(edit);
            _dirty = true;
            return true;
        }
    }

    public bool Redo()
    {
        lock (_editLock)
        {
            if (!_redo.TryPop(out var edit))
            {
                return false;
            }
            _cells[edit.Row, edit.Col] = edit.After;
            _undo.Push(edit);
            _dirty = true;
            return true;
        }
    }

    private void OnAutosave(object? state)
    {
        char[,] cells;
        lock (_editLock)
        {
            if (!_dirty)
            {
                return;
            }
            cells = (char[,])_cells.Clone();
            _dirty = false;
        }

        var history = _undo.ToArray();
        _store.Save(_puzzleId, new Draft(cells, history, DateTime.UtcNow));
    }

    public void Dispose()
    {
        _autosave.Dispose();
    }
}
