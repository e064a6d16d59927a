using System.ComponentModel;

namespace Blind66.CanalLocks.Cycle;

public readonly record struct FillProgress(double Level, double Target, int PaddlesOpen);

public interface ILockPaddleGear
{
    Task FillAsync(double targetLevel, IProgress<FillProgress> progress, CancellationToken ct);
}

/// <summary>
/// View-model for the "fill chamber" button on the lock-keeper's tablet. The paddle gear
/// runs the fill on a worker and reports progress back here.
/// </summary>
public sealed class LockCycleViewModel : INotifyPropertyChanged
{
    private readonly object _gate = new();
    private readonly ILockPaddleGear _gear;
    private readonly IProgress<FillProgress> _progress;
    private CancellationTokenSource? _cycle;
    private FillProgress _last;
    private bool _busy;
    private string _statusText = "Idle";

    public LockCycleViewModel(ILockPaddleGear gear)
    {
        _gear = gear;
        _progress = new Progress<FillProgress>(OnProgress);
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public bool IsBusy { get { lock (_gate) return _busy; } }

    public string StatusText { get { lock (_gate) return _statusText; } }

    public double PercentFull
    {
        get
        {
            lock (_gate)
            {
                return _last.Target <= 0 ? 0 : Math.Clamp(_last.Level / _last.Target * 100, 0, 100);
            }
        }
    }

    /// <summary>Bound to the Fill button's click event.</summary>
    public async void OnFillClicked(object? sender, EventArgs e)
    {
        CancellationTokenSource cycle;
        lock (_gate)
        {
            if (_busy)
            {
                return;
            }

            _busy = true;
            _statusText = "Filling";
            cycle = _cycle = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        }

        Raise(nameof(IsBusy));
        string outcome;
        try
        {
            await Task.Run(() => _gear.FillAsync(2.4, _progress, cycle.Token));
            outcome = "Chamber full";
        }
        catch (OperationCanceledException)
        {
            outcome = "Fill stopped";
        }
        catch (Exception ex)
        {
            outcome = "Fault: " + ex.Message;
        }

        lock (_gate)
        {
            _busy = false;
            _statusText = outcome;
            _cycle = null;
        }

        cycle.Dispose();
        Raise(nameof(IsBusy));
        Raise(nameof(StatusText));
    }

    /// <summary>Bound to the Stop button.</summary>
    public void OnStopClicked(object? sender, EventArgs e)
    {
        lock (_gate)
        {
            _cycle?.Cancel();
        }
    }

    private void OnProgress(FillProgress progress)
    {
        lock (_gate)
        {
            _last = progress;
        }

        Raise(nameof(PercentFull));
    }

    private void Raise(string name) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
}
