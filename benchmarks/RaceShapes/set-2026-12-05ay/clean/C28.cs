using System.Collections.Concurrent;

namespace Blind51.FilmArchives.Digitisation;

/// <summary>
/// A single UI thread that runs posted work items in order, in the style of a WPF dispatcher.
/// </summary>
public sealed class UiDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public UiDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _work.GetConsumingEnumerable()) action();
        })
        { IsBackground = true, Name = "ui" };
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

/// <summary>
/// View-model for the reel digitisation screen. The scan itself runs on the thread pool.
/// </summary>
public sealed class ReelScanViewModel
{
    private readonly UiDispatcher _dispatcher;
    private readonly Func<string, int, byte[]> _scanFrame;
    private readonly Action<ReelScanViewModel> _render;

    public ReelScanViewModel(UiDispatcher dispatcher, Func<string, int, byte[]> scanFrame, Action<ReelScanViewModel> render)
    {
        _dispatcher = dispatcher;
        _scanFrame = scanFrame;
        _render = render;
    }

    // Bound properties.
    public string Status { get; private set; } = "Idle";
    public int FramesScanned { get; private set; }
    public int TotalFrames { get; private set; }
    public bool IsBusy { get; private set; }

    /// <summary>Handler for the Scan button; invoked on the UI thread.</summary>
    public async void OnScanClicked(string reelId, int frames)
    {
        if (IsBusy) return;
        IsBusy = true;
        TotalFrames = frames;
        FramesScanned = 0;
        Status = $"Scanning {reelId}";
        _render(this);

        try
        {
            await Task.Run(() =>
            {
                for (int frame = 0; frame < frames; frame++)
                {
                    _scanFrame(reelId, frame);
                    int done = frame + 1;
                    if (done % 24 == 0 || done == frames)
                        _dispatcher.Post(() => { FramesScanned = done; _render(this); });
                }
            }).ConfigureAwait(false);

            _dispatcher.Post(() => { Status = $"{reelId} complete"; IsBusy = false; _render(this); });
        }
        catch (Exception ex)
        {
            _dispatcher.Post(() => { Status = $"Failed: {ex.Message}"; IsBusy = false; _render(this); });
        }
    }
}

/// <summary>
/// Wires the screen up: the button click is delivered on the UI thread.
/// </summary>
public static class DigitisationScreen
{
    public static void ClickScan(UiDispatcher dispatcher, ReelScanViewModel viewModel, string reelId, int frames) =>
        dispatcher.Post(() => viewModel.OnScanClicked(reelId, frames));
}
