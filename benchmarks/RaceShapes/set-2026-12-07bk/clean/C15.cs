using System.ComponentModel;

namespace Blind63.SheepdogTrials.Judging;

public sealed record PenaltyEntry(string Phase, int Points, string Note);

public interface IScoreSync
{
    Task UploadAsync(string runId, IReadOnlyList<PenaltyEntry> penalties, CancellationToken ct);
}

/// <summary>
/// View-model behind the judge's tablet scoring page. Penalties can be undone
/// and redone; the Save command uploads the current sheet in the background
/// while the judge keeps scoring.
/// </summary>
public sealed class ScoreSheetViewModel : INotifyPropertyChanged
{
    private readonly IScoreSync _sync;
    private readonly string _runId;
    private readonly object _gate = new();
    private readonly Stack<PenaltyEntry> _undo = new();
    private readonly Stack<PenaltyEntry> _redo = new();
    private Dictionary<string, int>? _phaseMaximums;
    private string _status = "Not saved";

    public ScoreSheetViewModel(IScoreSync sync, string runId)
    {
        _sync = sync;
        _runId = runId;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public string Status
    {
        get { lock (_gate) return _status; }
        private set
        {
            lock (_gate) _status = value;
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(Status)));
        }
    }

    private Dictionary<string, int> PhaseMaximums =>
        LazyInitializer.EnsureInitialized(ref _phaseMaximums, () => new Dictionary<string, int>
        {
            ["Outrun"] = 20, ["Lift"] = 10, ["Fetch"] = 20, ["Drive"] = 30, ["Pen"] = 10
        });

    public void AddPenalty(string phase, int points, string note)
    {
        if (!PhaseMaximums.ContainsKey(phase)) throw new ArgumentException($"Unknown phase {phase}", nameof(phase));
        lock (_gate)
        {
            _undo.Push(new PenaltyEntry(phase, points, note));
            _redo.Clear();
        }
    }

    public bool Undo()
    {
        lock (_gate)
        {
            if (!_undo.TryPop(out var entry)) return false;
            _redo.Push(entry);
            return true;
        }
    }

    public bool Redo()
    {
        lock (_gate)
        {
            if (!_redo.TryPop(out var entry)) return false;
            _undo.Push(entry);
            return true;
        }
    }

    public int Score()
    {
        var max = PhaseMaximums.Values.Sum();
        lock (_gate)
        {
            return max - _undo.Sum(e => e.Points);
        }
    }

    /// <summary>Bound to the Save button.</summary>
    public async void OnSaveClicked(object? sender, EventArgs e)
    {
        PenaltyEntry[] sheet;
        lock (_gate)
        {
            sheet = _undo.Reverse().ToArray();
        }

        Status = "Saving…";
        try
        {
            await _sync.UploadAsync(_runId, sheet, CancellationToken.None).ConfigureAwait(false);
            Status = $"Saved {sheet.Length} penalties at {DateTime.Now:HH:mm:ss}";
        }
        catch (Exception ex)
        {
            Status = $"Save failed: {ex.Message}";
        }
    }
}
