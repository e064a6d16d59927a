using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace Blind40.LighthouseKeepers.Console;

/// <summary>
/// Runs posted work on the console window's single UI thread, in the manner of
/// a WPF Dispatcher.
/// </summary>
public sealed class UiDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread _thread;

    public UiDispatcher()
    {
        _thread = new Thread(Pump) { IsBackground = true, Name = "UI" };
        _thread.Start();
    }

    public bool CheckAccess() => Thread.CurrentThread == _thread;

    public void VerifyAccess()
    {
        if (!CheckAccess())
        {
            throw new InvalidOperationException("The calling thread cannot access this object.");
        }
    }

    public void Post(Action action) => _queue.Add(action);

    private void Pump()
    {
        foreach (var action in _queue.GetConsumingEnumerable())
        {
            action();
        }
    }

    public void Dispose() => _queue.CompleteAdding();
}

public sealed record LampReading(string Station, double RotationRpm, bool FogSignalOn);

/// <summary>Polls the remote lamp controllers; readings arrive on thread-pool threads.</summary>
public sealed class LampTelemetrySource
{
    public event EventHandler<LampReading>? ReadingReceived;

    public Task PollAsync(IEnumerable<string> stations, CancellationToken ct) =>
        Parallel.ForEachAsync(stations, ct, async (station, token) =>
        {
            await Task.Delay(200, token).ConfigureAwait(false);
            ReadingReceived?.Invoke(this, new LampReading(station, 2.0, false));
        });
}

/// <summary>View-model for the keepers' remote monitoring window.</summary>
public sealed class LampStatusViewModel
{
    private readonly UiDispatcher _ui;
    private readonly List<string> _log = new();

    public LampStatusViewModel(LampTelemetrySource source, UiDispatcher ui)
    {
        _ui = ui;
        source.ReadingReceived += (_, reading) => _ui.Post(() => Apply(reading));
    }

    public ObservableCollection<LampReading> Stations { get; } = new();

    /// <summary>Read by the view's bindings; only valid on the UI thread.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            _ui.VerifyAccess();
            return _log.ToArray();
        }
    }

    private void Apply(LampReading reading)
    {
        int index = -1;
        for (int i = 0; i < Stations.Count; i++)
        {
            if (Stations[i].Station == reading.Station)
            {
                index = i;
                break;
            }
        }

        if (index >= 0)
        {
            Stations[index] = reading;
        }
        else
        {
            Stations.Add(reading);
        }

        _log.Add($"{DateTime.Now:HH:mm:ss} {reading.Station} {reading.RotationRpm:F1} rpm");
        if (_log.Count > 200)
        {
            _log.RemoveAt(0);
        }
    }
}
