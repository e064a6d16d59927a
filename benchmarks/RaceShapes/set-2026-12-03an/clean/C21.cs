namespace Blind40.MarionetteMakers.Rigging;

public sealed record RigEdit(string Description, string StringName, double OldLengthCm, double NewLengthCm);

public sealed class HistoryChangedEventArgs : EventArgs
{
    public HistoryChangedEventArgs(bool canUndo, bool canRedo, string? lastDescription)
    {
        CanUndo = canUndo;
        CanRedo = canRedo;
        LastDescription = lastDescription;
    }

    public bool CanUndo { get; }
    public bool CanRedo { get; }
    public string? LastDescription { get; }
}

/// <summary>
/// Undo/redo history for the marionette rigging editor. Edits come from the UI
/// thread and from the physics preview, which adjusts string lengths on a
/// background thread.
/// </summary>
public sealed class RiggingHistory
{
    private readonly object _sync = new();
    private readonly Stack<RigEdit> _undo = new();
    private readonly Stack<RigEdit> _redo = new();
    private readonly int _limit;

    public RiggingHistory(int limit = 200) => _limit = limit;

    public event EventHandler<HistoryChangedEventArgs>? Changed;

    public void Record(RigEdit edit)
    {
        HistoryChangedEventArgs args;
        lock (_sync)
        {
            _undo.Push(edit);
            _redo.Clear();
            if (_undo.Count > _limit)
            {
                var kept = _undo.Take(_limit).Reverse().ToArray();
                _undo.Clear();
                foreach (var e in kept)
                {
                    _undo.Push(e);
                }
            }
            args = CaptureLocked();
        }
        Changed?.Invoke(this, args);
    }

    public RigEdit? Undo()
    {
        RigEdit? edit = null;
        HistoryChangedEventArgs args;
        lock (_sync)
        {
            if (_undo.TryPop(out var popped))
            {
                edit = popped;
                _redo.Push(popped);
            }
            args = CaptureLocked();
        }

        if (edit is not null)
        {
            Changed?.Invoke(this, args);
        }
        return edit;
    }

    public RigEdit? Redo()
    {
        RigEdit? edit = null;
        HistoryChangedEventArgs args;
        lock (_sync)
        {
            if (_redo.TryPop(out var popped))
            {
                edit = popped;
                _undo.Push(popped);
            }
            args = CaptureLocked();
        }

        if (edit is not null)
        {
            Changed?.Invoke(this, args);
        }
        return edit;
    }

    /// <summary>Entries for the History panel, most recent first. The caller gets its own copy.</summary>
    public IReadOnlyList<RigEdit> UndoEntries()
    {
        lock (_sync)
        {
            return _undo.ToArray();
        }
    }

    private HistoryChangedEventArgs CaptureLocked() =>
        new(_undo.Count > 0, _redo.Count > 0, _undo.TryPeek(out var top) ? top.Description : null);
}

public sealed class PhysicsPreview
{
    private readonly RiggingHistory _history;

    public PhysicsPreview(RiggingHistory history) => _history = history;

    public Task SettleAsync(string stringName, double fromCm, double toCm, CancellationToken ct) => Task.Run(() =>
    {
        double step = (toCm - fromCm) / 4;
        for (int i = 0; i < 4 && !ct.IsCancellationRequested; i++)
        {
            _history.Record(new RigEdit("settle", stringName, fromCm + step * i, fromCm + step * (i + 1)));
        }
    }, ct);
}
