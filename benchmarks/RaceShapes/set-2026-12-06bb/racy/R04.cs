using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Blind54.PetShelter.Popularity;

public sealed record PetRank(int PetId, int Views);

/// <summary>
/// Tracks how often each pet profile is viewed and serves the "most viewed" strip on the
/// shelter home page. Registered as a singleton: page requests call <see cref="RecordView"/>
/// and <see cref="GetTop"/> concurrently, and <see cref="RankingRefresher"/> calls
/// <see cref="Rerank"/> once a minute.
/// </summary>
public sealed class PetPopularityBoard
{
    private readonly ConcurrentDictionary<int, int> _views = new();
    private readonly object _rankLock = new();
    private readonly List<PetRank> _ranking = new();

    public void RecordView(int petId) => _views.AddOrUpdate(petId, 1, (_, count) => count + 1);

    public void Adopted(int petId) => _views.TryRemove(petId, out _);

    public void Rerank()
    {
        lock (_rankLock)
        {
            _ranking.Clear();
            foreach (var (petId, views) in _views)
            {
                _ranking.Add(new PetRank(petId, views));
            }

            _ranking.Sort((a, b) => b.Views.CompareTo(a.Views));
        }
    }

    public IReadOnlyList<PetRank> GetTop(int count)
    {
        var top = new List<PetRank>(count);
        for (var i = 0; i < count && i < _ranking.Count; i++)
        {
            top.Add(_ranking[i]);
        }

        return top;
    }
}

/// <summary>Hosted service that refreshes the popularity ranking every minute.</summary>
public sealed class RankingRefresher : BackgroundService
{
    private readonly PetPopularityBoard _board;

    public RankingRefresher(PetPopularityBoard board) => _board = board;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        _board.Rerank();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            _board.Rerank();
        }
    }
}
