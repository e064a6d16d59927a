namespace Blind60.StainedGlass.Design;

public sealed record GlassPiece(int Id, string Colour, IReadOnlyList<(double X, double Y)> Outline);

/// <summary>
/// Design document for a stained-glass window, edited from the studio's design app.
/// The autosave timer takes snapshots while the designer keeps editing, and the
/// undo/redo commands restore earlier snapshots.
/// </summary>
public sealed class WindowDesign
{
    private readonly object _gate = new();
    private readonly Dictionary<int, GlassPiece> _pieces = new();
    private readonly Stack<Dictionary<int, GlassPiece>> _undo = new();
    private readonly Stack<Dictionary<int, GlassPiece>> _redo = new();
    private int _nextId = 1;

    public int AddPiece(string colour, IReadOnlyList<(double X, double Y)> outline)
    {
        lock (_gate)
        {
            Checkpoint();
            var piece = new GlassPiece(_nextId++, colour, outline.ToArray());
            _pieces[piece.Id] = piece;
            return piece.Id;
        }
    }

    public bool Recolour(int id, string colour)
    {
        lock (_gate)
        {
            if (!_pieces.TryGetValue(id, out var piece))
            {
                return false;
            }
            Checkpoint();
            _pieces[id] = piece with { Colour = colour };
            return true;
        }
    }

    public bool Undo()
    {
        lock (_gate)
        {
            if (_undo.Count == 0) return false;
            _redo.Push(new Dictionary<int, GlassPiece>(_pieces));
            Restore(_undo.Pop());
            return true;
        }
    }

    public bool Redo()
    {
        lock (_gate)
        {
            if (_redo.Count == 0) return false;
            _undo.Push(new Dictionary<int, GlassPiece>(_pieces));
            Restore(_redo.Pop());
            return true;
        }
    }

    /// <summary>Copy of the current pieces, used by autosave and the lead-line renderer.</summary>
    public IReadOnlyList<GlassPiece> Snapshot()
    {
        lock (_gate)
        {
            return _pieces.Values.OrderBy(p => p.Id).ToArray();
        }
    }

    private void Checkpoint()
    {
        _undo.Push(new Dictionary<int, GlassPiece>(_pieces));
        if (_undo.Count > 100)
        {
            // Trim the oldest entries.
            var keep = _undo.Take(100).Reverse().ToList();
            _undo.Clear();
            foreach (var s in keep) _undo.Push(s);
        }
        _redo.Clear();
    }

    private void Restore(Dictionary<int, GlassPiece> state)
    {
        _pieces.Clear();
        foreach (var (id, piece) in state)
        {
            _pieces[id] = piece;
        }
    }
}

public sealed class DesignAutosave : IDisposable
{
    private readonly System.Threading.Timer _timer;

    public DesignAutosave(WindowDesign design, Action<IReadOnlyList<GlassPiece>> save, TimeSpan every)
    {
        _timer = new System.Threading.Timer(_ => save(design.Snapshot()), null, every, every);
    }

    public void Dispose() => _timer.Dispose();
}
