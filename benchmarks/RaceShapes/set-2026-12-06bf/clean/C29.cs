using System.Collections.Concurrent;
using System.ComponentModel;

namespace Blind58.WellDressingJudging;

public sealed record DressingEntry(string Village, string Well, string Theme, int Petals);

/// <summary>Runs queued work items on one dedicated UI thread, like a desktop dispatcher.</summary>
public sealed class UiDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;

    public UiDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _queue.GetConsumingEnumerable()) action();
        }) { IsBackground = true, Name = "ui" };
        _thread.Start();
    }

    public bool CheckAccess() => Thread.CurrentThread == _thread;

    public Task InvokeAsync(Action action)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try { action(); done.SetResult(); }
            catch (Exception ex) { done.SetException(ex); }
        });
        return done.Task;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}

/// <summary>
/// View-model for the judges' screen at the well dressing festival. Bound properties are
/// only set on the UI thread; loading happens on the thread pool and results are marshalled
/// back through the dispatcher.
/// </summary>
public sealed class JudgingViewModel : INotifyPropertyChanged
{
    private readonly UiDispatcher _dispatcher;
    private readonly Func<CancellationToken, Task<IReadOnlyList<DressingEntry>>> _loadEntries;
    private IReadOnlyList<DressingEntry> _entries = Array.Empty<DressingEntry>();
    private string _status = "Ready";
    private bool _isBusy;

    public JudgingViewModel(UiDispatcher dispatcher, Func<CancellationToken, Task<IReadOnlyList<DressingEntry>>> loadEntries)
    {
        _dispatcher = dispatcher;
        _loadEntries = loadEntries;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public IReadOnlyList<DressingEntry> Entries
    {
        get => _entries;
        private set { _entries = value; Raise(nameof(Entries)); }
    }

    public string Status
    {
        get => _status;
        private set { _status = value; Raise(nameof(Status)); }
    }

    public bool IsBusy
    {
        get => _isBusy;
        private set { _isBusy = value; Raise(nameof(IsBusy)); }
    }

    /// <summary>Bound to the Refresh button; invoked on the UI thread.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _dispatcher.InvokeAsync(() => { IsBusy = true; Status = "Loading entries..."; }).ConfigureAwait(false);
        try
        {
            var loaded = await Task.Run(() => _loadEntries(cancellationToken), cancellationToken).ConfigureAwait(false);
            var ranked = loaded.OrderByDescending(e => e.Petals).ToList();
            await _dispatcher.InvokeAsync(() =>
            {
                Entries = ranked;
                Status = $"{ranked.Count} wells entered";
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await _dispatcher.InvokeAsync(() => Status = "Could not load entries: " + ex.Message).ConfigureAwait(false);
        }
        finally
        {
            await _dispatcher.InvokeAsync(() => IsBusy = false).ConfigureAwait(false);
        }
    }

    private void Raise(string property) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(property));
}
