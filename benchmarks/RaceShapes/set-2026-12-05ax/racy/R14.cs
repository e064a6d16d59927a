using System.Collections.ObjectModel;
using System.ComponentModel;

namespace Blind50.Circus.TourPlanner;

public sealed record TourStop(string Town, DateOnly Opening, int TentCapacity);

public interface ITourApi
{
    Task<IReadOnlyList<TourStop>> GetStopsAsync(string season, CancellationToken cancellationToken);
}

public interface IUiDispatcher
{
    void Post(Action action);
}

/// <summary>
/// View-model behind the tour planner window. Commands are invoked on the UI thread;
/// the view reads <see cref="Stops"/> and <see cref="StatusText"/> on every render pass.
/// </summary>
public sealed class TourScheduleViewModel : INotifyPropertyChanged
{
    private readonly ITourApi _api;
    private readonly IUiDispatcher _dispatcher;
    private string _statusText = "Ready";
    private bool _isBusy;

    public TourScheduleViewModel(ITourApi api, IUiDispatcher dispatcher)
    {
        _api = api;
        _dispatcher = dispatcher;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public ObservableCollection<TourStop> Stops { get; } = new();

    public string StatusText
    {
        get => _statusText;
        private set => _dispatcher.Post(() =>
        {
            _statusText = value;
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(StatusText)));
        });
    }

    public bool IsBusy => _isBusy;

    /// <summary>Bound to the Refresh button.</summary>
    public async void RefreshCommand(string season)
    {
        if (_isBusy)
        {
            return;
        }

        _isBusy = true;
        StatusText = $"Loading {season} tour...";
        try
        {
            var stops = await _api.GetStopsAsync(season, CancellationToken.None).ConfigureAwait(false);
            var ordered = stops.OrderBy(s => s.Opening).ToList();

            Stops.Clear();
            foreach (var stop in ordered)
            {
                Stops.Add(stop);
            }

            StatusText = $"{ordered.Count} stops, {ordered.Sum(s => s.TentCapacity):N0} seats";
        }
        catch (Exception ex)
        {
            StatusText = $"Could not load tour: {ex.Message}";
        }
        finally
        {
            _dispatcher.Post(() => _isBusy = false);
        }
    }
}

/// <summary>Draws the schedule grid; called by the UI framework's render timer on the UI thread.</summary>
public sealed class TourScheduleView
{
    private readonly TourScheduleViewModel _viewModel;
    private readonly List<string> _rows = new();

    public TourScheduleView(TourScheduleViewModel viewModel) => _viewModel = viewModel;

    public IReadOnlyList<string> OnRenderTick()
    {
        _rows.Clear();
        foreach (var stop in _viewModel.Stops)
        {
            _rows.Add($"{stop.Opening:dd MMM}  {stop.Town,-20} {stop.TentCapacity,6}");
        }

        return _rows;
    }
}
