using System.Collections.Immutable;
using System.ComponentModel;

namespace Blind27.BalloonFestival.Pilots;

public sealed record PilotBriefing(string Pilot, string Balloon, string LaunchSlot, bool Acknowledged);

public interface IBriefingService
{
    Task<IReadOnlyList<PilotBriefing>> FetchAsync(CancellationToken ct);
}

/// <summary>
/// View-model for the festival's pilot briefing board. Refreshes run on a background
/// task; pilots acknowledge from the board's touch screen.
/// </summary>
public sealed class BriefingBoardViewModel : INotifyPropertyChanged
{
    private readonly IBriefingService _service;
    private ImmutableList<PilotBriefing> _briefings = ImmutableList<PilotBriefing>.Empty;
    private int _refreshing;

    public BriefingBoardViewModel(IBriefingService service) => _service = service;

    private readonly object _handlersLock = new();
    private PropertyChangedEventHandler? _propertyChanged;

    public event PropertyChangedEventHandler? PropertyChanged
    {
        add
        {
            lock (_handlersLock)
            {
                _propertyChanged += value;
            }
        }
        remove
        {
            lock (_handlersLock)
            {
                _propertyChanged -= value;
            }
        }
    }

    public ImmutableList<PilotBriefing> Briefings => Volatile.Read(ref _briefings);

    public int Unacknowledged => Briefings.Count(b => !b.Acknowledged);

    public Task RefreshAsync(CancellationToken ct)
    {
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return Task.CompletedTask;
        }

        return Task.Run(async () =>
        {
            try
            {
                var fetched = await _service.FetchAsync(ct).ConfigureAwait(false);
                var sorted = fetched.OrderBy(b => b.LaunchSlot).ThenBy(b => b.Pilot).ToImmutableList();
                Volatile.Write(ref _briefings, sorted);
                RaiseBriefingsChanged();
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private void RaiseBriefingsChanged()
    {
        PropertyChangedEventHandler? handler;
        lock (_handlersLock)
        {
            handler = _propertyChanged;
        }

        handler?.Invoke(this, new PropertyChangedEventArgs(nameof(Briefings)));
    }

    public void Acknowledge(string pilot)
    {
        ImmutableInterlocked.Update(ref _briefings, list =>
        {
            var index = list.FindIndex(b => b.Pilot == pilot);
            return index < 0 ? list : list.SetItem(index, list[index] with { Acknowledged = true });
        });
        RaiseBriefingsChanged();
    }
}
