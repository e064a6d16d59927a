namespace Blind54.RadioDrama.CueSheet;

public sealed record Cue(int Number, string Kind, string Description, TimeSpan At);

/// <summary>
/// Cue sheet being edited by the studio manager during a radio drama recording. The editor
/// window applies edits on the UI thread while the autosave task reads the sheet on a pool
/// thread and the director's tablet pushes cue edits through the studio hub.
/// </summary>
public sealed class CueSheetDocument
{
    private readonly object _sync = new();
    private readonly List<Cue> _cues = new();
    private readonly Stack<List<Cue>> _undo = new();
    private readonly Stack<List<Cue>> _redo = new();
    private int _version;

    public void Apply(Action<List<Cue>> edit)
    {
        lock (_sync)
        {
            _undo.Push(new List<Cue>(_cues));
            _redo.Clear();
            edit(_cues);
            _version++;
        }
    }

    public bool Undo()
    {
        lock (_sync)
        {
            if (!_undo.TryPop(out var previous))
            {
                return false;
            }

            _redo.Push(new List<Cue>(_cues));
            _cues.Clear();
            _cues.AddRange(previous);
            _version++;
            return true;
        }
    }

    public bool Redo()
    {
        lock (_sync)
        {
            if (!_redo.TryPop(out var next))
            {
                return false;
            }

            _undo.Push(new List<Cue>(_cues));
            _cues.Clear();
            _cues.AddRange(next);
            _version++;
            return true;
        }
    }

    public (int Version, Cue[] Cues) Snapshot()
    {
        lock (_sync)
        {
            return (_version, _cues.ToArray());
        }
    }
}

/// <summary>Writes the cue sheet to disk every 20 seconds when it has changed.</summary>
public sealed class CueSheetAutosave
{
    private readonly CueSheetDocument _document;
    private readonly string _path;

    public CueSheetAutosave(CueSheetDocument document, string path)
    {
        _document = document;
        _path = path;
    }

    public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
    {
        var lastSaved = -1;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(20));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var (version, cues) = _document.Snapshot();
            if (version == lastSaved)
            {
                continue;
            }

            var lines = cues.Select(c => $"{c.Number}\t{c.Kind}\t{c.At:hh\\:mm\\:ss}\t{c.Description}");
            await File.WriteAllLinesAsync(_path, lines, ct);
            lastSaved = version;
        }
    }, ct);
}
