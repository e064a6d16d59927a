using System.ComponentModel;

namespace Blind53.SnowGroomers.Fleet;

public sealed record GroomerPosition(string Machine, double Latitude, double Longitude, double BladeHeightCm, DateTime ReportedAtUtc);

public interface IRouteLogStore
{
    Task AppendAsync(GroomerPosition position, CancellationToken cancellationToken = default);
}

/// <summary>
/// Polls the telematics box of each groomer and raises <see cref="PositionReported"/>.
/// Each machine is polled by its own timer.
/// </summary>
public sealed class GroomerTelemetry : IDisposable
{
    private readonly List<Timer> _timers = new();
    private readonly Func<string, GroomerPosition> _poll;

    public GroomerTelemetry(IEnumerable<string> machines, Func<string, GroomerPosition> poll)
    {
        _poll = poll;
        foreach (var machine in machines)
        {
            _timers.Add(new Timer(OnTick, machine, TimeSpan.Zero, TimeSpan.FromSeconds(2)));
        }
    }

    public event EventHandler<GroomerPosition>? PositionReported;

    private void OnTick(object? state)
    {
        var position = _poll((string)state!);
        PositionReported?.Invoke(this, position);
    }

    public void Dispose()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }
    }
}

/// <summary>
/// View-model behind the piste-control fleet screen.
/// </summary>
public sealed class GroomerFleetViewModel : INotifyPropertyChanged
{
    private readonly IRouteLogStore _store;
    private readonly SynchronizationContext? _ui;
    private int _pendingSaves;
    private string? _lastError;

    public GroomerFleetViewModel(GroomerTelemetry telemetry, IRouteLogStore store, SynchronizationContext? ui)
    {
        _store = store;
        _ui = ui;
        telemetry.PositionReported += OnPositionReported;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public int PendingSaves => Volatile.Read(ref _pendingSaves);

    public string? LastError => Volatile.Read(ref _lastError);

    private async void OnPositionReported(object? sender, GroomerPosition position)
    {
        _pendingSaves++;
        RaiseOnUi(nameof(PendingSaves));
        try
        {
            await _store.AppendAsync(position).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            Volatile.Write(ref _lastError, $"{position.Machine}: {ex.Message}");
            RaiseOnUi(nameof(LastError));
        }
        finally
        {
            Interlocked.Decrement(ref _pendingSaves);
            RaiseOnUi(nameof(PendingSaves));
        }
    }

    private void RaiseOnUi(string propertyName)
    {
        var args = new PropertyChangedEventArgs(propertyName);
        if (_ui is null)
        {
            PropertyChanged?.Invoke(this, args);
        }
        else
        {
            _ui.Post(_ => PropertyChanged?.Invoke(this, args), null);
        }
    }
}
