using System.Collections.ObjectModel;

namespace Blind40.MarionetteMakers.Workshop;

public interface IUiDispatcher
{
    void Post(Action action);
}

public sealed class JobProgressEventArgs : EventArgs
{
    public JobProgressEventArgs(string jobId, int percent)
    {
        JobId = jobId;
        Percent = percent;
    }

    public string JobId { get; }
    public int Percent { get; }
}

/// <summary>Watches the stringing rigs; progress is reported from the rig worker threads.</summary>
public sealed class StringingRigMonitor
{
    public event EventHandler<JobProgressEventArgs>? JobProgressed;

    public Task RunJobAsync(string jobId, int steps, CancellationToken ct) => Task.Run(async () =>
    {
        for (int i = 1; i <= steps; i++)
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
            JobProgressed?.Invoke(this, new JobProgressEventArgs(jobId, i * 100 / steps));
        }
    }, ct);
}

public sealed class JobRow
{
    public JobRow(string jobId) => JobId = jobId;

    public string JobId { get; }
    public int Percent { get; set; }
}

/// <summary>View-model behind the workshop's "Stringing jobs" window.</summary>
public sealed class StringingJobsViewModel
{
    private const int MaxActivityLines = 50;

    private readonly IUiDispatcher _ui;
    private readonly List<string> _activity = new();

    public StringingJobsViewModel(StringingRigMonitor monitor, IUiDispatcher ui)
    {
        _ui = ui;
        monitor.JobProgressed += OnJobProgressed;
    }

    public ObservableCollection<JobRow> Jobs { get; } = new();

    /// <summary>Bound to the activity list box; read by the view on the UI thread.</summary>
    public IReadOnlyList<string> RecentActivity => _activity.ToArray();

    private void OnJobProgressed(object? sender, JobProgressEventArgs e)
    {
        _ui.Post(() => UpdateRow(e.JobId, e.Percent));

        _activity.Add($"{DateTime.Now:HH:mm:ss} {e.JobId} {e.Percent}%");
        if (_activity.Count > MaxActivityLines)
        {
            _activity.RemoveAt(0);
        }
    }

    private void UpdateRow(string jobId, int percent)
    {
        var row = Jobs.FirstOrDefault(r => r.JobId == jobId);
        if (row is null)
        {
            row = new JobRow(jobId);
            Jobs.Add(row);
        }
        row.Percent = percent;
    }
}
