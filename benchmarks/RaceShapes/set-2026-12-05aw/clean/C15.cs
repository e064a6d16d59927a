using System.Collections.Concurrent;
using System.ComponentModel;

namespace OperaHouse.Surtitles;

/// <summary>
/// Minimal UI dispatcher: runs posted actions one at a time on a dedicated thread, like the
/// message loop of the surtitle operator's console.
/// </summary>
public sealed class ConsoleDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;

    public ConsoleDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _queue.GetConsumingEnumerable())
            {
                action();
            }
        }) { IsBackground = true, Name = "console-ui" };
        _thread.Start();
    }

    public void Post(Action action) => _queue.Add(action);

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}

public sealed class CueFiredEventArgs : EventArgs
{
    public CueFiredEventArgs(int cueNumber, string text) => (CueNumber, Text) = (cueNumber, text);
    public int CueNumber { get; }
    public string Text { get; }
}

/// <summary>Listens to the stage-management cue network and raises an event per cue.</summary>
public sealed class CueListener
{
    public event EventHandler<CueFiredEventArgs>? CueFired;

    public Task ListenAsync(IAsyncEnumerable<(int Cue, string Text)> cues, CancellationToken ct) => Task.Run(async () =>
    {
        await foreach (var (cue, text) in cues.WithCancellation(ct))
        {
            CueFired?.Invoke(this, new CueFiredEventArgs(cue, text));
        }
    }, ct);
}

/// <summary>View-model for the surtitle console.</summary>
public sealed class SurtitleViewModel : INotifyPropertyChanged
{
    private readonly ConsoleDispatcher _dispatcher;
    private readonly List<string> _history = new();
    private string _currentLine = "";
    private int _cuesShown;

    public SurtitleViewModel(CueListener listener, ConsoleDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
        listener.CueFired += (_, e) => _dispatcher.Post(() => Show(e));
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    private void Show(CueFiredEventArgs e)
    {
        _currentLine = e.Text;
        _history.Add($"{e.CueNumber}: {e.Text}");
        _cuesShown++;
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("CurrentLine"));
    }

    /// <summary>Renders the operator's status bar on the dispatcher thread.</summary>
    public Task<string> RenderStatusAsync()
    {
        var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _dispatcher.Post(() =>
        {
            string last = _history.Count > 0 ? _history[^1] : "(none)";
            tcs.SetResult($"{_cuesShown} cues, showing \"{_currentLine}\", last {last}");
        });
        return tcs.Task;
    }
}
