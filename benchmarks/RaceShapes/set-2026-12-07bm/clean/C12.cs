using System.Collections.Generic;
using System.ComponentModel;

namespace Blind65.BargeCanals.Traffic;

public sealed record BargePassage(DateTimeOffset At, string Barge, string Direction, double TonnageCarried);

public interface IPassageFeed
{
    Task<BargePassage?> NextAsync(CancellationToken token);
}

/// <summary>
/// View-model for the canal office's traffic board. Passages arrive from the
/// lock sensors in the background; the board reads a copy to draw its table.
/// </summary>
public sealed class CanalTrafficViewModel : INotifyPropertyChanged
{
    private readonly object _sync = new();
    private readonly List<BargePassage> _passages = new();
    private readonly IPassageFeed _feed;

    public CanalTrafficViewModel(IPassageFeed feed) => _feed = feed;

    public event PropertyChangedEventHandler? PropertyChanged;

    public IReadOnlyList<BargePassage> Passages
    {
        get
        {
            lock (_sync)
            {
                return _passages.ToArray();
            }
        }
    }

    public double TonnageSince(DateTimeOffset since)
    {
        var total = 0.0;
        foreach (var passage in Passages)
        {
            if (passage.At >= since)
            {
                total += passage.TonnageCarried;
            }
        }
        return total;
    }

    public async Task ListenAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var passage = await _feed.NextAsync(token).ConfigureAwait(false);
            if (passage is null)
            {
                break;
            }

            lock (_sync)
            {
                _passages.Add(passage);
                if (_passages.Count > 500)
                {
                    _passages.RemoveRange(0, _passages.Count - 500);
                }
            }
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(Passages)));
        }
    }
}
