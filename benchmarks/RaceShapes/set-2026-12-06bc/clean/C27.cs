using System.ComponentModel;

namespace Blind55.Clean.C27;

public sealed record SeatBlock(string Section, int Row, int FirstSeat, int LastSeat);

public interface ISeatPlanRenderer
{
    ValueTask<int> RenderBlockAsync(SeatBlock block, CancellationToken ct);
}

/// <summary>
/// Box office view-model that re-renders the theatre seating chart tiles. Rendering runs on the
/// thread pool; progress comes back through <see cref="IProgress{T}"/>.
/// </summary>
public sealed class SeatingChartViewModel : INotifyPropertyChanged
{
    private readonly ISeatPlanRenderer _renderer;
    private int _renderedSeats;
    private int _totalSeats;
    private int _busy;

    public SeatingChartViewModel(ISeatPlanRenderer renderer) => _renderer = renderer;

    public event PropertyChangedEventHandler? PropertyChanged;

    public int RenderedSeats => Volatile.Read(ref _renderedSeats);
    public int TotalSeats => Volatile.Read(ref _totalSeats);
    public bool IsBusy => Volatile.Read(ref _busy) == 1;

    /// <summary>Bound to the "Refresh chart" button.</summary>
    public async void OnRefreshClicked(IReadOnlyList<SeatBlock> blocks)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _totalSeats, blocks.Sum(b => b.LastSeat - b.FirstSeat + 1));
            Volatile.Write(ref _renderedSeats, 0);
            var progress = new Progress<int>(OnBlockRendered);
            await RenderAllAsync(blocks, progress, CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
            Raise(nameof(IsBusy));
        }
    }

    private void OnBlockRendered(int seats)
    {
        Interlocked.Add(ref _renderedSeats, seats);
        Raise(nameof(RenderedSeats));
    }

    private async Task RenderAllAsync(IReadOnlyList<SeatBlock> blocks, IProgress<int> progress, CancellationToken ct)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        await Parallel.ForEachAsync(blocks, options, async (block, token) =>
        {
            int seats = await _renderer.RenderBlockAsync(block, token);
            progress.Report(seats);
        });
    }

    private void Raise(string property) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(property));
}
