using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Blind46.PuppetTheatre.CueBoard;

/// <summary>Runs queued actions one at a time on a dedicated UI thread, like a desktop dispatcher.</summary>
public sealed class StageDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;

    public StageDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _queue.GetConsumingEnumerable())
                action();
        })
        { IsBackground = true, Name = "cue-board-ui" };
        _thread.Start();
    }

    public Task InvokeAsync(Action action)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try { action(); tcs.SetResult(); }
            catch (Exception ex) { tcs.SetException(ex); }
        });
        return tcs.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}

public sealed record CueFired(int Number, string Description, DateTime FiredUtc);

/// <summary>
/// View-model behind the stage manager's cue board. The lighting and puppet-rig
/// controllers call <see cref="OnCueRaised"/> from their own threads.
/// </summary>
public sealed class CueBoardViewModel
{
    private readonly StageDispatcher _dispatcher;
    private int _lastCue;

    public CueBoardViewModel(StageDispatcher dispatcher) => _dispatcher = dispatcher;

    /// <summary>Bound to the board's list of recent cues.</summary>
    public ObservableCollection<CueFired> RecentCues { get; } = new();

    public string Status { get; private set; } = "Waiting for house open";

    public async void OnCueRaised(object? sender, CueFired cue)
    {
        try
        {
            await _dispatcher.InvokeAsync(() =>
            {
                RecentCues.Insert(0, cue);
                while (RecentCues.Count > 20)
                    RecentCues.RemoveAt(RecentCues.Count - 1);

                _lastCue = Math.Max(_lastCue, cue.Number);
                Status = $"Cue {_lastCue} — {cue.Description}";
            }).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // board closed during the show
        }
    }

    public Task<string> ReadStatusAsync()
    {
        string status = string.Empty;
        return _dispatcher.InvokeAsync(() => status = Status).ContinueWith(_ => status, TaskScheduler.Default);
    }
}
