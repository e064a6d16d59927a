using System.Collections.Concurrent;
using System.ComponentModel;

namespace Blind37.PuppetTheatre.Booking;

/// <summary>
/// Runs posted actions one at a time on a dedicated thread, the way a desktop UI dispatcher
/// does.
/// </summary>
public sealed class UiDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public UiDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _work.GetConsumingEnumerable())
            {
                action();
            }
        }) { IsBackground = true, Name = "ui" };
        _thread.Start();
    }

    public void Post(Action action) => _work.Add(action);

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}

/// <summary>Reports progress by posting to the dispatcher.</summary>
public sealed class DispatcherProgress<T> : IProgress<T>
{
    private readonly UiDispatcher _dispatcher;
    private readonly Action<T> _handler;

    public DispatcherProgress(UiDispatcher dispatcher, Action<T> handler)
    {
        _dispatcher = dispatcher;
        _handler = handler;
    }

    public void Report(T value) => _dispatcher.Post(() => _handler(value));
}

/// <summary>
/// View model for the box-office seat map of the puppet theatre. Seat availability is
/// fetched on a worker; every property is changed on the dispatcher thread.
/// </summary>
public sealed class SeatMapViewModel : INotifyPropertyChanged
{
    private readonly UiDispatcher _dispatcher;
    private readonly Func<string, IProgress<int>, CancellationToken, Task<IReadOnlyList<string>>> _fetchFreeSeats;
    private IReadOnlyList<string> _freeSeats = Array.Empty<string>();
    private int _percentLoaded;
    private string _status = "Ready";

    public SeatMapViewModel(UiDispatcher dispatcher, Func<string, IProgress<int>, CancellationToken, Task<IReadOnlyList<string>>> fetchFreeSeats)
    {
        _dispatcher = dispatcher;
        _fetchFreeSeats = fetchFreeSeats;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public IReadOnlyList<string> FreeSeats => _freeSeats;
    public int PercentLoaded => _percentLoaded;
    public string Status => _status;

    /// <summary>Invoked from the performance picker, on the dispatcher thread.</summary>
    public void LoadPerformance(string performanceId)
    {
        _status = $"Loading {performanceId}...";
        OnPropertyChanged(nameof(Status));

        var progress = new DispatcherProgress<int>(_dispatcher, percent =>
        {
            _percentLoaded = percent;
            OnPropertyChanged(nameof(PercentLoaded));
        });

        Task.Run(async () =>
        {
            try
            {
                var seats = await _fetchFreeSeats(performanceId, progress, CancellationToken.None).ConfigureAwait(false);
                _dispatcher.Post(() =>
                {
                    _freeSeats = seats;
                    _status = $"{seats.Count} seats free";
                    OnPropertyChanged(nameof(FreeSeats));
                    OnPropertyChanged(nameof(Status));
                });
            }
            catch (Exception ex)
            {
                _dispatcher.Post(() =>
                {
                    _status = "Could not load seats: " + ex.Message;
                    OnPropertyChanged(nameof(Status));
                });
            }
        });
    }

    private void OnPropertyChanged(string name) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
}

/// <summary>The box-office window: wires the view model to the screen on the dispatcher thread.</summary>
public sealed class BoxOfficeScreen
{
    private readonly UiDispatcher _dispatcher;
    private readonly SeatMapViewModel _viewModel;

    public BoxOfficeScreen(UiDispatcher dispatcher, SeatMapViewModel viewModel, Action<string> render)
    {
        _dispatcher = dispatcher;
        _viewModel = viewModel;
        _dispatcher.Post(() =>
            _viewModel.PropertyChanged += (_, _) => render($"{_viewModel.Status} ({_viewModel.PercentLoaded}%, {_viewModel.FreeSeats.Count} free)"));
    }

    /// <summary>Called by the input layer when the clerk picks a performance.</summary>
    public void PickPerformance(string performanceId) => _dispatcher.Post(() => _viewModel.LoadPerformance(performanceId));
}
